namespace Exporters.Merger.Exposition;

/// <summary>One upstream's parsed page, with its name (for logs) and the labels added to its samples.</summary>
internal sealed record MergeSource(string Upstream, ParsedPage Page, UpstreamLabels Labels);
