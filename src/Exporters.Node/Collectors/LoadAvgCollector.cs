using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/loadavg: the 1, 5 and 15 minute load averages.</summary>
internal sealed class LoadAvgCollector : INodeCollector
{
    private static readonly MetricFamily Load1 = new("node_load1", "1m load average.", MetricType.Gauge);
    private static readonly MetricFamily Load5 = new("node_load5", "5m load average.", MetricType.Gauge);
    private static readonly MetricFamily Load15 = new("node_load15", "15m load average.", MetricType.Gauge);

    public string Name => "loadavg";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("loadavg"));
        Write(file.Span, writer);
        return true;
    }

    public static void Write(ReadOnlySpan<byte> loadavg, ExpositionWriter writer)
    {
        var text = loadavg;
        var one = Bytes.NextDouble(ref text);
        var five = Bytes.NextDouble(ref text);
        var fifteen = Bytes.NextDouble(ref text);
        writer.WriteSample(Load1, LabelSet.Empty, one);
        writer.WriteSample(Load15, LabelSet.Empty, fifteen);
        writer.WriteSample(Load5, LabelSet.Empty, five);
    }
}
