using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/sys/fs/file-nr: allocated and maximum file handles.</summary>
internal sealed class FileFdCollector : INodeCollector
{
    private static readonly MetricFamily Allocated = new("node_filefd_allocated", "File descriptor statistics: allocated.", MetricType.Gauge);
    private static readonly MetricFamily Maximum = new("node_filefd_maximum", "File descriptor statistics: maximum.", MetricType.Gauge);

    public string Name => "filefd";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("sys/fs/file-nr"));
        Write(file.Span, writer);
        return true;
    }

    public static void Write(ReadOnlySpan<byte> fileNr, ExpositionWriter writer)
    {
        var text = fileNr;
        var allocated = Bytes.NextUInt64(ref text);
        _ = Bytes.NextUInt64(ref text);
        var maximum = Bytes.NextUInt64(ref text);
        writer.WriteSample(Allocated, LabelSet.Empty, allocated);
        writer.WriteSample(Maximum, LabelSet.Empty, maximum);
    }
}
