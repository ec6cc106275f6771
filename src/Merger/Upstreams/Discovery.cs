namespace Exporters.Merger.Upstreams;

/// <summary>What resolving a <c>dns+</c> upstream gave: its replicas, or why there are none.</summary>
internal sealed record Discovery(Upstream Upstream, IReadOnlyList<Upstream> Replicas, string? Error, TimeSpan Duration);
