using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// What one fetch gave: a parsed page, or why there is none; how long it took and how big it was.
/// <see cref="Answered"/> tells a server that answered HTTP with a status below 500 (whatever the body:
/// a metrics page, other text, a 404) from one that did not (refused, reset, late, 5xx).
/// </summary>
internal sealed record FetchResult(Upstream Upstream, ParsedPage? Page, string? Error, bool Answered, TimeSpan Duration, long Bytes);
