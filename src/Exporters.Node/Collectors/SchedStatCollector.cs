using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/proc/schedstat: per CPU, time spent running and waiting, and timeslices run.</summary>
internal sealed class SchedStatCollector : INodeCollector
{
    private const double NanosecondsPerSecond = 1e9;
    private static readonly MetricFamily Running = new("node_schedstat_running_seconds_total", "Number of seconds CPU spent running a process.", MetricType.Counter);
    private static readonly MetricFamily Timeslices = new("node_schedstat_timeslices_total", "Number of timeslices executed by CPU.", MetricType.Counter);
    private static readonly MetricFamily Waiting = new("node_schedstat_waiting_seconds_total", "Number of seconds spent by processing waiting for this CPU.", MetricType.Counter);
    private static readonly LabelCache Cpus = new("cpu");

    public string Name => "schedstat";

    public bool EnabledByDefault => true;

    /// <returns>False without /proc/schedstat (a kernel without CONFIG_SCHEDSTATS), which node_exporter reports as no data.</returns>
    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Proc("schedstat");
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(path, errno);
        }

        using (file)
        {
            Write(file.Span, writer);
        }

        return true;
    }

    /// <summary>Each "cpuN" line: nanoseconds running in its 8th column, waiting in the 9th, timeslices in the 10th.</summary>
    public static void Write(ReadOnlySpan<byte> schedstat, ExpositionWriter writer)
    {
        WriteColumn(schedstat, 7, NanosecondsPerSecond, Running, writer);
        WriteColumn(schedstat, 9, 1, Timeslices, writer);
        WriteColumn(schedstat, 8, NanosecondsPerSecond, Waiting, writer);
    }

    private static void WriteColumn(ReadOnlySpan<byte> schedstat, int column, double divisor, MetricFamily family, ExpositionWriter writer)
    {
        var text = schedstat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!line.StartsWith("cpu"u8) || !Bytes.Column(line, 0, out var name))
            {
                continue;
            }

            if (!Bytes.Column(line, column, out var field))
            {
                throw new FormatException("a schedstat cpu line has too few columns");
            }

            writer.WriteSample(family, Cpus.Get(name["cpu".Length..]), Bytes.ParseUInt64(field) / divisor);
        }
    }
}
