using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// One exporter the merger scrapes: its URL, name (the upstream label), added labels and timeout. With
/// <see cref="Discover"/> (a <c>dns+</c> URL) the host is resolved on each scrape and every address is a replica.
/// A replica has its address as <see cref="Replica"/>: <c>ip:port</c>, an IPv6 address in brackets.
/// </summary>
internal sealed record Upstream(Uri Url, string Name, UpstreamLabels Labels, TimeSpan Timeout, bool Discover = false, string? Replica = null);
