using System.Buffers.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/softnet_stat: per CPU, packets processed, dropped, and times the budget ran out.</summary>
internal sealed class SoftnetCollector : INodeCollector
{
    private static readonly MetricFamily Dropped = new("node_softnet_dropped_total", "Number of dropped packets", MetricType.Counter);
    private static readonly MetricFamily Processed = new("node_softnet_processed_total", "Number of processed packets", MetricType.Counter);
    private static readonly MetricFamily Squeezed = new("node_softnet_times_squeezed_total", "Number of times processing packets ran out of quota", MetricType.Counter);
    private static readonly LabelCache Cpus = new("cpu");

    public string Name => "softnet";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("net/softnet_stat"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>One line of hexadecimal columns per CPU: processed, dropped, time_squeeze first.</summary>
    public static void Write(ReadOnlySpan<byte> softnetStat, ExpositionWriter writer)
    {
        WriteColumn(softnetStat, 1, Dropped, writer);
        WriteColumn(softnetStat, 0, Processed, writer);
        WriteColumn(softnetStat, 2, Squeezed, writer);
    }

    private static void WriteColumn(ReadOnlySpan<byte> softnetStat, int column, MetricFamily family, ExpositionWriter writer)
    {
        Span<byte> number = stackalloc byte[11];
        var text = softnetStat;
        var cpu = 0;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.Column(line, column, out var field))
            {
                throw new FormatException("softnet_stat has too few columns");
            }

            Utf8Formatter.TryFormat(cpu, number, out var written);
            writer.WriteSample(family, Cpus.Get(number[..written]), Bytes.ParseHex(field));
            cpu++;
        }
    }
}
