using System.Buffers.Text;
using Exporters.Core.Exposition;

namespace Exporters.Core.Metrics;

/// <summary>
/// The <c>process_*</c> families of the Go client library, with its names and HELP, so that dashboards
/// built for the Go exporters show this process too. Each scrape costs a getrusage, a read of
/// /proc/self/statm, two getrlimit and one statx.
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

    private readonly string _statmPath;
    private readonly string _fdPath;
    private readonly double _startTime;

    public ProcessCollector(string procRoot = "/proc")
    {
        _statmPath = Path.Combine(procRoot, "self/statm");
        _fdPath = Path.Combine(procRoot, "self/fd");
        _startTime = ReadStartTime(procRoot);
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[256];
        if (!TryParseStatm(ProcFile.Read(_statmPath, buffer), out var virtualPages, out var residentPages))
        {
            throw new InvalidDataException("unreadable " + _statmPath);
        }

        var pageSize = (double)Environment.SystemPageSize;
        writer.WriteSample(CpuSeconds, LabelSet.Empty, Environment.CpuUsage.TotalTime.TotalSeconds);
        writer.WriteSample(MaxFds, LabelSet.Empty, LibC.SoftLimit(LibC.RlimitNoFile));
        writer.WriteSample(OpenFds, LabelSet.Empty, OpenFileCount.Read(_fdPath));
        writer.WriteSample(ResidentMemory, LabelSet.Empty, residentPages * pageSize);
        writer.WriteSample(StartTime, LabelSet.Empty, _startTime);
        writer.WriteSample(VirtualMemory, LabelSet.Empty, virtualPages * pageSize);
        writer.WriteSample(VirtualMemoryMax, LabelSet.Empty, LibC.SoftLimit(LibC.RlimitAddressSpace));
        return Task.CompletedTask;
    }

    /// <summary>Reads the first two fields of /proc/PID/statm: total and resident pages.</summary>
    internal static bool TryParseStatm(ReadOnlySpan<byte> statm, out long virtualPages, out long residentPages)
    {
        residentPages = 0;
        if (!Utf8Parser.TryParse(statm, out virtualPages, out var used) || used >= statm.Length || statm[used] != (byte)' ')
        {
            return false;
        }

        return Utf8Parser.TryParse(statm[(used + 1)..], out residentPages, out _);
    }

    /// <summary>Reads starttime (field 22, clock ticks after boot) from the text of /proc/PID/stat.</summary>
    internal static bool TryParseStartTicks(ReadOnlySpan<byte> stat, out long startTicks)
    {
        startTicks = 0;
        var close = stat.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        // The command name may hold spaces and parentheses; fields after it start at field 3 (state).
        var rest = stat[(close + 1)..];
        for (var field = 3; field <= 22; field++)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOf((byte)' ');
            var token = end < 0 ? rest : rest[..end];
            if (field == 22)
            {
                return Utf8Parser.TryParse(token, out startTicks, out var used) && used == token.Length;
            }

            if (end < 0)
            {
                return false;
            }

            rest = rest[(end + 1)..];
        }

        return false;
    }

    private static double ReadStartTime(string procRoot)
    {
        var buffer = new byte[64 * 1024];
        var stat = ProcFile.Read(Path.Combine(procRoot, "stat"), buffer);
        var at = stat.IndexOf("\nbtime "u8);
        if (at < 0 || !Utf8Parser.TryParse(stat[(at + 7)..], out long bootSeconds, out _))
        {
            return double.NaN;
        }

        return TryParseStartTicks(ProcFile.Read(Path.Combine(procRoot, "self/stat"), buffer), out var ticks)
            ? bootSeconds + (ticks / (double)UserHz)
            : double.NaN;
    }
}
