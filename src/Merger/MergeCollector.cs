using System.Globalization;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Exporters.Merger;

/// <summary>
/// On each scrape fetches every upstream at once, merges the pages that arrived whole and parsed, and
/// writes them with the merger's own families. A failed upstream gives only merger_upstream_up 0.
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
    private readonly HashSet<InternedText> _reserved = new(InternedTextComparer.Instance);
    private readonly Serilog.ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _conflicts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loggedConflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _lastErrors = new(StringComparer.Ordinal);

    public MergeCollector(
        IReadOnlyList<Upstream> upstreams,
        UpstreamFetcher fetcher,
        ReplicaResolver replicas,
        IHttpContextAccessor http,
        HashSet<string> reserved,
        Serilog.ILogger logger)
    {
        _upstreams = upstreams;
        _fetcher = fetcher;
        _replicas = replicas;
        _http = http;
        foreach (var name in reserved)
        {
            _reserved.Add(TextInterner.Name(name));
        }

        _logger = logger;
    }

    public async Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var limit = ScrapeTimeout();
        var tasks = new Task<FetchResult[]>[_upstreams.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var upstream = _upstreams[i];
            var timeout = limit is { } l && l < upstream.Timeout ? l : upstream.Timeout;
            tasks[i] = FetchAsync(upstream, timeout, cancellationToken);
        }

        var results = Flatten(await Task.WhenAll(tasks).ConfigureAwait(false));
        try
        {
            using var merger = new PageMerger(IsReserved, OnConflict);
            foreach (var result in results)
            {
                NoteState(result);
                if (result.Page is not null)
                {
                    merger.Add(new MergeSource(result.Upstream.Name, result.Page, result.Upstream.Labels));
                }
            }

            ParsedPage own;
            lock (_lock)
            {
                own = OwnFamilies.Build(results, _conflicts);
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
            foreach (var result in results)
            {
                result.Page?.Dispose();
            }
        }
    }

    /// <summary>Fetches one upstream; a <c>dns+</c> one is resolved first and each of its addresses fetched.</summary>
    private async Task<FetchResult[]> FetchAsync(Upstream upstream, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!upstream.Discover)
        {
            return [await _fetcher.FetchAsync(upstream, upstream.Url, timeout, cancellationToken).ConfigureAwait(false)];
        }

        var discovery = await _replicas.ResolveAsync(upstream, timeout, cancellationToken).ConfigureAwait(false);
        if (discovery.Error is not null)
        {
            return [new FetchResult(upstream, null, discovery.Error, discovery.Duration, 0)];
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

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>All results in upstream order; a replica that is also given by name elsewhere is taken once.</summary>
    private static List<FetchResult> Flatten(FetchResult[][] groups)
    {
        var results = new List<FetchResult>(groups.Length);
        HashSet<string>? names = null;
        foreach (var group in groups)
        {
            foreach (var result in group)
            {
                names ??= new HashSet<string>(StringComparer.Ordinal);
                if (names.Add(result.Upstream.Name))
                {
                    results.Add(result);
                }
                else
                {
                    result.Page?.Dispose();
                }
            }
        }

        return results;
    }

    private bool IsReserved(InternedText family) => family.Utf8.AsSpan().StartsWith("merger_"u8) || _reserved.Contains(family);

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
            _ => "a sample with the same name and labels was taken already",
        };
        _logger.Warning("Dropping samples of family {Family} from upstream {Upstream}: {Reason}; counted in merger_conflicts_total, logged once", family, upstream, why);
    }

    private void NoteState(FetchResult result)
    {
        lock (_lock)
        {
            var known = _lastErrors.TryGetValue(result.Upstream.Name, out var previous);
            if (known && previous == result.Error)
            {
                return;
            }

            _lastErrors[result.Upstream.Name] = result.Error;
            if (result.Error is null && !known)
            {
                return;
            }
        }

        if (result.Error is null)
        {
            _logger.Information("Upstream {Upstream} works again", result.Upstream.Name);
        }
        else
        {
            _logger.Warning("Upstream {Upstream} failed: {Reason}", result.Upstream.Name, result.Error);
        }
    }
}
