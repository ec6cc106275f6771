using System.Buffers.Text;
using Exporters.Core.Exposition;

namespace Exporters.Core.Metrics;

/// <summary>
/// The <c>process_*</c> families of the Go client library, with its names and HELP, read from
/// /proc/self so that dashboards built for the Go exporters show this process too.
/// </summary>
public sealed class ProcessCollector : IScrapeCollector
{
    private const int UserHz = 100;

    private static readonly MetricFamily CpuSeconds = new("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", MetricType.Counter);
    private static readonly MetricFamily MaxFds = new("process_max_fds", "Maximum number of open file descriptors.", MetricType.Gauge);
    private static readonly MetricFamily OpenFds = new("process_open_fds", "Number of open file descriptors.", MetricType.Gauge);
    private static readonly MetricFamily ResidentMemory = new("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType.Gauge);
    private static readonly MetricFamily StartTime = new("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", MetricType.Gauge);
    private static readonly MetricFamily VirtualMemory = new("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType.Gauge);
    private static readonly MetricFamily VirtualMemoryMax = new("process_virtual_memory_max_bytes", "Maximum amount of virtual memory available in bytes.", MetricType.Gauge);

    private readonly string _procRoot;
    private double? _startTime;

    public ProcessCollector(string procRoot = "/proc")
    {
        _procRoot = procRoot;
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[2048];
        var stat = ProcFile.Read(Path.Combine(_procRoot, "self/stat"), buffer);
        if (!TryParseStat(stat, out var cpuTicks, out var startTicks, out var virtualBytes, out var residentPages))
        {
            throw new InvalidDataException("unreadable /proc/self/stat");
        }

        writer.WriteSample(CpuSeconds, LabelSet.Empty, cpuTicks / (double)UserHz);
        var (maxFiles, maxAddressSpace) = ReadLimits();
        writer.WriteSample(MaxFds, LabelSet.Empty, maxFiles);
        writer.WriteSample(OpenFds, LabelSet.Empty, CountOpenFds());
        writer.WriteSample(ResidentMemory, LabelSet.Empty, residentPages * (double)Environment.SystemPageSize);
        _startTime ??= BootTime() + (startTicks / (double)UserHz);
        writer.WriteSample(StartTime, LabelSet.Empty, _startTime.Value);
        writer.WriteSample(VirtualMemory, LabelSet.Empty, virtualBytes);
        writer.WriteSample(VirtualMemoryMax, LabelSet.Empty, maxAddressSpace);
        return Task.CompletedTask;
    }

    /// <summary>Reads utime+stime, starttime, vsize and rss from the text of /proc/PID/stat.</summary>
    internal static bool TryParseStat(ReadOnlySpan<byte> stat, out long cpuTicks, out long startTicks, out long virtualBytes, out long residentPages)
    {
        cpuTicks = startTicks = virtualBytes = residentPages = 0;
        var close = stat.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        // Fields after the command name start at field 3 (state).
        var rest = stat[(close + 1)..];
        var field = 2;
        long utime = 0;
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            field++;
            if (field is 14 or 15 or 22 or 23 or 24)
            {
                if (!Utf8Parser.TryParse(token, out long value, out _))
                {
                    return false;
                }

                switch (field)
                {
                    case 14: utime = value; break;
                    case 15: cpuTicks = utime + value; break;
                    case 22: startTicks = value; break;
                    case 23: virtualBytes = value; break;
                    case 24: residentPages = value; return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reads the soft limits "Max open files" and "Max address space" from /proc/PID/limits.</summary>
    internal static (double MaxFiles, double MaxAddressSpace) ParseLimits(ReadOnlySpan<byte> limits)
    {
        double files = double.NaN, addressSpace = double.NaN;
        foreach (var range in limits.Split((byte)'\n'))
        {
            var line = limits[range];
            if (line.StartsWith("Max open files"u8))
            {
                files = SoftLimit(line["Max open files"u8.Length..]);
            }
            else if (line.StartsWith("Max address space"u8))
            {
                addressSpace = SoftLimit(line["Max address space"u8.Length..]);
            }
        }

        return (files, addressSpace);

        static double SoftLimit(ReadOnlySpan<byte> rest)
        {
            rest = rest.TrimStart((byte)' ');
            if (rest.StartsWith("unlimited"u8))
            {
                return ulong.MaxValue;
            }

            return Utf8Parser.TryParse(rest, out ulong value, out _) ? value : double.NaN;
        }
    }

    private (double MaxFiles, double MaxAddressSpace) ReadLimits()
    {
        Span<byte> buffer = stackalloc byte[4096];
        return ParseLimits(ProcFile.Read(Path.Combine(_procRoot, "self/limits"), buffer));
    }

    private double BootTime()
    {
        var buffer = new byte[64 * 1024];
        var stat = ProcFile.Read(Path.Combine(_procRoot, "stat"), buffer);
        var at = stat.IndexOf("\nbtime "u8);
        return at >= 0 && Utf8Parser.TryParse(stat[(at + 7)..], out long seconds, out _) ? seconds : double.NaN;
    }

    private int CountOpenFds()
    {
        var count = 0;
        foreach (var _ in Directory.EnumerateFileSystemEntries(Path.Combine(_procRoot, "self/fd")))
        {
            count++;
        }

        return count;
    }
}
