using System.Collections.Concurrent;
using System.Globalization;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Exporters.Merger;

/// <summary>
/// On each scrape fetches every upstream at once (each replica of a <c>dns+</c> one too), merges the pages that
/// arrived whole and parsed, and writes them with the merger's own families. A failed upstream gives only
/// merger_upstream_up 0; a replica that answers without a metrics page is counted in merger_replica_up only.
/// </summary>
internal sealed class MergeCollector : IScrapeCollector
{
    /// <summary>Taken off Prometheus' scrape timeout, to leave time for merging and sending the page.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(100);

    private readonly IReadOnlyList<Upstream> _upstreams;
    private readonly UpstreamFetcher _fetcher;
    private readonly ReplicaResolver _replicas;
    private readonly IHttpContextAccessor _http;
    private readonly Serilog.ILogger _logger;
    private readonly UpstreamStates _states;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _conflicts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loggedConflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Upstream, DropReason Reason), long> _dropped = [];
    private readonly ConcurrentDictionary<string, UpstreamLabels> _ownFamilyLabels = new(StringComparer.Ordinal);
    private readonly ProcessCollector _process = new();

    public MergeCollector(
        IReadOnlyList<Upstream> upstreams,
        UpstreamFetcher fetcher,
        ReplicaResolver replicas,
        IHttpContextAccessor http,
        Serilog.ILogger logger)
    {
        _upstreams = upstreams;
        _fetcher = fetcher;
        _replicas = replicas;
        _http = http;
        _logger = logger;
        _states = new UpstreamStates(logger);
    }

    public async Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var limit = ScrapeTimeout();
        var tasks = new Task<UpstreamScrape>[_upstreams.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var upstream = _upstreams[i];
            var timeout = limit is { } l && l < upstream.Timeout ? l : upstream.Timeout;
            tasks[i] = FetchAsync(upstream, timeout, cancellationToken);
        }

        var scrapes = await Task.WhenAll(tasks).ConfigureAwait(false);
        try
        {
            using var merger = new PageMerger(IsReserved, OnConflict);

            // The merger's own process_* first: an upstream's family of those names joins them, told apart by its label.
            using var process = await ProcessPageAsync(cancellationToken).ConfigureAwait(false);
            if (process is not null)
            {
                merger.AddOwn(new MergeSource("merger", process, UpstreamLabels.Empty));
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scrape in scrapes)
            {
                _states.Note(scrape);
                if (scrape.Fetch is { } fetch)
                {
                    Add(merger, fetch, taken);
                }

                foreach (var replica in scrape.Replicas)
                {
                    Add(merger, replica, taken);
                }
            }

            ParsedPage own;
            lock (_lock)
            {
                own = OwnFamilies.Build(scrapes, _conflicts, _dropped);
            }

            using (own)
            {
                merger.AddOwn(new MergeSource("merger", own, UpstreamLabels.Empty));
                merger.Complete();

                // Everything that can fail is done: the page goes straight into the response's buffer.
                MergedPageWriter.Write(merger.Families, writer.BeginRaw(), writer.Format);
            }
        }
        finally
        {
            foreach (var scrape in scrapes)
            {
                scrape.Fetch?.Page?.Dispose();
                foreach (var replica in scrape.Replicas)
                {
                    replica.Page?.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Merges a fetched page in upstream order; a page of a name merged already (a replica also given by its
    /// URL) is left out, its samples being on the page once.
    /// </summary>
    private void Add(PageMerger merger, FetchResult fetch, HashSet<string> taken)
    {
        if (fetch.Page is not null && taken.Add(fetch.Upstream.Name))
        {
            merger.Add(new MergeSource(fetch.Upstream.Name, fetch.Page, fetch.Upstream.Labels, OwnFamilyLabels(fetch.Upstream)));
            CountDropped(fetch.Upstream.Name, fetch.Page);
        }
    }

    /// <summary>The upstream's labels and merger_upstream="name", for its process_*, go_* and *_build_info families.</summary>
    private UpstreamLabels OwnFamilyLabels(Upstream upstream)
    {
        if (_ownFamilyLabels.Count > 4096)
        {
            // Replicas come and go; keep the cache bounded.
            _ownFamilyLabels.Clear();
        }

        return _ownFamilyLabels.GetOrAdd(upstream.Name, static (name, labels) => labels.With(MergeSource.UpstreamLabel, name), upstream.Labels);
    }

    /// <summary>The merger's own process_* families, as a parsed page; null if they cannot be read.</summary>
    private async Task<ParsedPage?> ProcessPageAsync(CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter();
        await _process.CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), cancellationToken).ConfigureAwait(false);
        var bytes = buffer.WrittenSpan.ToArray();
        return ExpositionParser.TryParse(bytes, bytes.Length, openMetrics: false, pooled: false, out var page, out _) ? page : null;
    }

    /// <summary>Counts the page's dropped sample lines; the first of each upstream and reason is logged.</summary>
    private void CountDropped(string upstream, ParsedPage page)
    {
        for (var r = 0; r < page.Dropped.Length; r++)
        {
            if (page.Dropped[r] == 0)
            {
                continue;
            }

            var key = (upstream, (DropReason)r);
            bool first;
            lock (_lock)
            {
                first = !_dropped.TryGetValue(key, out var count);
                _dropped[key] = count + page.Dropped[r];
            }

            if (first)
            {
                _logger.Warning(
                    "Dropping sample lines of upstream {Upstream} ({Reason}), the rest of its page is merged: {Example}; counted in merger_dropped_samples_total, logged once",
                    upstream,
                    DropReasons.Label(key.Item2),
                    page.FirstDropped[r]);
            }
        }
    }

    /// <summary>Fetches one upstream; a <c>dns+</c> one is resolved first and each of its addresses fetched.</summary>
    private async Task<UpstreamScrape> FetchAsync(Upstream upstream, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!upstream.Discover)
        {
            return UpstreamScrape.Plain(await _fetcher.FetchAsync(upstream, upstream.Url, timeout, cancellationToken).ConfigureAwait(false));
        }

        var discovery = await _replicas.ResolveAsync(upstream, timeout, cancellationToken).ConfigureAwait(false);
        if (discovery.Error is not null)
        {
            return UpstreamScrape.Discovered(discovery, []);
        }

        var left = timeout - discovery.Duration;
        if (left < MinimumTimeout)
        {
            left = MinimumTimeout;
        }

        var tasks = new Task<FetchResult>[discovery.Replicas.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var replica = discovery.Replicas[i];
            tasks[i] = _fetcher.FetchAsync(replica, replica.Url, left, cancellationToken);
        }

        return UpstreamScrape.Discovered(discovery, await Task.WhenAll(tasks).ConfigureAwait(false));
    }

    /// <summary>The merger_* names are the merger's own; its process_* are merged with the upstreams' (told apart by label).</summary>
    private static bool IsReserved(InternedText family) => family.Utf8.AsSpan().StartsWith("merger_"u8);

    private TimeSpan? ScrapeTimeout()
    {
        var header = _http.HttpContext?.Request.Headers["X-Prometheus-Scrape-Timeout-Seconds"].ToString();
        if (string.IsNullOrEmpty(header)
            || !double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds)
            || seconds <= 0)
        {
            return null;
        }

        var timeout = TimeSpan.FromSeconds(Math.Min(seconds, 86400)) - Margin;
        return timeout < MinimumTimeout ? MinimumTimeout : timeout;
    }

    private void OnConflict(string family, string upstream, ConflictKind kind)
    {
        lock (_lock)
        {
            _conflicts[family] = _conflicts.GetValueOrDefault(family) + 1;
            if (!_loggedConflicts.Add(family))
            {
                return;
            }
        }

        var why = kind switch
        {
            ConflictKind.TypeClash => "its TYPE differs from the one taken first",
            ConflictKind.ReservedName => "the merger exposes a family of that name itself",
            ConflictKind.NameClash => "its name is that of another family's samples (h_count beside histogram h; h_created in OpenMetrics)",
            _ => "a sample with the same name and labels was taken already",
        };
        _logger.Warning("Dropping samples of family {Family} from upstream {Upstream}: {Reason}; counted in merger_conflicts_total, logged once", family, upstream, why);
    }
}
