using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>What one fetch gave: a parsed page, or why there is none; how long it took and how big it was.</summary>
internal sealed record FetchResult(Upstream Upstream, ParsedPage? Page, string? Error, TimeSpan Duration, long Bytes);
