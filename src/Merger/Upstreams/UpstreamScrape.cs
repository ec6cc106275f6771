namespace Exporters.Merger.Upstreams;

/// <summary>
/// What one configured upstream gave at a scrape. A plain upstream has its one fetch and is up when that gave a
/// page. A <c>dns+</c> upstream has a fetch per address its name resolved to and is up when the name resolved;
/// its duration is the resolution's plus the longest fetch's (they run at once), its bytes all its replicas'.
/// </summary>
internal sealed class UpstreamScrape
{
    private UpstreamScrape(Upstream upstream, FetchResult? fetch, FetchResult[] replicas, bool up, string? error, TimeSpan duration, long bytes)
    {
        Upstream = upstream;
        Fetch = fetch;
        Replicas = replicas;
        Up = up;
        Error = error;
        Duration = duration;
        Bytes = bytes;
    }

    public Upstream Upstream { get; }

    /// <summary>A plain upstream's fetch; null for a <c>dns+</c> one.</summary>
    public FetchResult? Fetch { get; }

    /// <summary>A <c>dns+</c> upstream's fetches, one per address; empty for a plain upstream or a name that did not resolve.</summary>
    public FetchResult[] Replicas { get; }

    public bool Up { get; }

    /// <summary>Why the upstream is not up: the fetch's or the resolution's error.</summary>
    public string? Error { get; }

    public TimeSpan Duration { get; }

    public long Bytes { get; }

    public static UpstreamScrape Plain(FetchResult fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return new UpstreamScrape(fetch.Upstream, fetch, [], fetch.Page is not null, fetch.Error, fetch.Duration, fetch.Bytes);
    }

    /// <summary>A <c>dns+</c> upstream: its resolution, and the fetches of the addresses it gave.</summary>
    public static UpstreamScrape Discovered(Discovery discovery, FetchResult[] replicas)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(replicas);
        var longest = TimeSpan.Zero;
        var bytes = 0L;
        foreach (var replica in replicas)
        {
            longest = replica.Duration > longest ? replica.Duration : longest;
            bytes += replica.Bytes;
        }

        return new UpstreamScrape(discovery.Upstream, null, replicas, discovery.Error is null, discovery.Error, discovery.Duration + longest, bytes);
    }
}
