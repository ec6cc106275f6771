using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>One exporter the merger scrapes: its URL, name (the upstream label), added labels and timeout.</summary>
internal sealed record Upstream(Uri Url, string Name, UpstreamLabels Labels, TimeSpan Timeout);
