namespace Exporters.Merger.Exposition;

/// <summary>
/// One upstream's parsed page, with its name (for logs) and the labels added to its samples; and those added
/// to the samples of the exporter's own families (process_*, go_*, *_build_info), which tell exporters apart.
/// </summary>
internal sealed record MergeSource(string Upstream, ParsedPage Page, UpstreamLabels Labels, UpstreamLabels? OwnFamilyLabels = null)
{
    /// <summary>The label that carries the upstream on the samples of an exporter's own families.</summary>
    public const string UpstreamLabel = "merger_upstream";

    /// <summary>True for the families every exporter has of itself: process_*, go_* and *_build_info.</summary>
    public static bool IsExporterOwn(ReadOnlySpan<byte> name) =>
        name.StartsWith("process_"u8) || name.StartsWith("go_"u8) || name.EndsWith("_build_info"u8);
}
