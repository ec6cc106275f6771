using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/sys/kernel/random: available entropy and the pool's size.</summary>
internal sealed class EntropyCollector : INodeCollector
{
    private static readonly MetricFamily Available = new("node_entropy_available_bits", "Bits of available entropy.", MetricType.Gauge);
    private static readonly MetricFamily PoolSize = new("node_entropy_pool_size_bits", "Bits of entropy pool.", MetricType.Gauge);

    public string Name => "entropy";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ulong available;
        ulong poolSize;
        using (var file = FileBuffer.Read(paths.Proc("sys/kernel/random/entropy_avail")))
        {
            available = ParseNumber(file.Span);
        }

        using (var file = FileBuffer.Read(paths.Proc("sys/kernel/random/poolsize")))
        {
            poolSize = ParseNumber(file.Span);
        }

        writer.WriteSample(Available, LabelSet.Empty, available);
        writer.WriteSample(PoolSize, LabelSet.Empty, poolSize);
        return true;
    }

    /// <summary>A file holding one number and a newline.</summary>
    public static ulong ParseNumber(ReadOnlySpan<byte> text)
    {
        var rest = text;
        return Bytes.NextUInt64(ref rest);
    }
}
