using System.Runtime.InteropServices;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// Remembers how each upstream and replica did at the last scrape and logs changes only: an upstream that fails
/// or works again, a <c>dns+</c> upstream's number of replicas, a replica that stops or starts answering.
/// Replicas gone from the name's addresses are forgotten, so what is kept grows only with the upstreams.
/// </summary>
internal sealed class UpstreamStates
{
    private readonly Serilog.ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string?> _lastErrors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplicaSetState> _replicaSets = new(StringComparer.Ordinal);

    public UpstreamStates(Serilog.ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>Notes what one upstream gave at a scrape; scrapes may run at once.</summary>
    public void Note(UpstreamScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        lock (_lock)
        {
            NoteError(scrape.Upstream.Name, scrape.Error);
            if (scrape.Upstream.Discover)
            {
                NoteReplicas(scrape);
            }
        }
    }

    private void NoteError(string upstream, string? error)
    {
        var known = _lastErrors.TryGetValue(upstream, out var previous);
        if (known && previous == error)
        {
            return;
        }

        _lastErrors[upstream] = error;
        if (error is not null)
        {
            _logger.Warning("Upstream {Upstream} failed: {Reason}", upstream, error);
        }
        else if (known)
        {
            _logger.Information("Upstream {Upstream} works again", upstream);
        }
    }

    private void NoteReplicas(UpstreamScrape scrape)
    {
        var upstream = scrape.Upstream.Name;
        if (!_replicaSets.TryGetValue(upstream, out var set))
        {
            set = new ReplicaSetState();
            _replicaSets.Add(upstream, set);
        }

        var count = scrape.Replicas.Length;
        if (count != set.Count)
        {
            _logger.Information("Upstream {Upstream}: {Count} replicas (was {Previous})", upstream, count, set.Count);
            set.Count = count;
        }

        if (!scrape.Up)
        {
            // A name that did not resolve tells nothing of its replicas: they are kept until it resolves again.
            return;
        }

        set.Generation++;
        foreach (var replica in scrape.Replicas)
        {
            NoteReplica(upstream, set, replica);
        }

        foreach (var (address, state) in set.Replicas)
        {
            if (state.Generation != set.Generation)
            {
                set.Replicas.Remove(address);
            }
        }
    }

    private void NoteReplica(string upstream, ReplicaSetState set, FetchResult fetch)
    {
        var address = fetch.Upstream.Replica ?? fetch.Upstream.Name;
        var merged = fetch.Page is not null;
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(set.Replicas, address, out var known);
        var previous = state;
        state = new ReplicaState(fetch.Answered, merged, set.Generation);
        if (!fetch.Answered)
        {
            if (!known || previous.Answered)
            {
                _logger.Warning("Replica {Replica} of upstream {Upstream} does not answer: {Reason}", address, upstream, fetch.Error);
            }

            return;
        }

        if (known && !previous.Answered)
        {
            _logger.Information("Replica {Replica} of upstream {Upstream} answers again", address, upstream);
        }

        if (merged)
        {
            return;
        }

        if (!set.WithoutPageLogged)
        {
            set.WithoutPageLogged = true;
            _logger.Information(
                "Upstream {Upstream}: replica {Replica} answers without a metrics page ({Reason}); such a replica is counted in merger_replica_up and nothing of it is merged",
                upstream,
                address,
                fetch.Error);
        }
        else if (!known || !previous.Answered || previous.Merged)
        {
            _logger.Debug("Replica {Replica} of upstream {Upstream} answers without a metrics page: {Reason}", address, upstream, fetch.Error);
        }
    }
}
