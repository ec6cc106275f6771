namespace Exporters.Merger.Upstreams;

/// <summary>What is remembered of one <c>dns+</c> upstream's replicas between scrapes, by address.</summary>
internal sealed class ReplicaSetState
{
    /// <summary>Addresses the name resolved to at the last scrape.</summary>
    public int Count { get; set; }

    /// <summary>Counts the scrapes where the name resolved; a replica not seen at the latest is forgotten.</summary>
    public long Generation { get; set; }

    /// <summary>Whether a replica answering without a metrics page was logged already (once per upstream).</summary>
    public bool WithoutPageLogged { get; set; }

    public Dictionary<string, ReplicaState> Replicas { get; } = new(StringComparer.Ordinal);
}
