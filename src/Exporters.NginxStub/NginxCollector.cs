using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.NginxStub;

/// <summary>
/// Scrapes every target's stub_status when /metrics is asked for and writes nginx-prometheus-exporter's
/// families. A target that fails has <c>nginx_up 0</c> and no other family; changes of a target's state
/// are logged once each.
/// </summary>
internal sealed class NginxCollector : IScrapeCollector, IDisposable
{
    private static readonly MetricFamily Accepted = new("nginx_connections_accepted", "Accepted client connections", MetricType.Counter);
    private static readonly MetricFamily Active = new("nginx_connections_active", "Active client connections", MetricType.Gauge);
    private static readonly MetricFamily Handled = new("nginx_connections_handled", "Handled client connections", MetricType.Counter);
    private static readonly MetricFamily Reading = new("nginx_connections_reading", "Connections where NGINX is reading the request header", MetricType.Gauge);
    private static readonly MetricFamily Waiting = new("nginx_connections_waiting", "Idle client connections", MetricType.Gauge);
    private static readonly MetricFamily Writing = new("nginx_connections_writing", "Connections where NGINX is writing the response back to the client", MetricType.Gauge);
    private static readonly MetricFamily Requests = new("nginx_http_requests_total", "Total http requests", MetricType.Counter);
    private static readonly MetricFamily Up = new("nginx_up", "Status of the last metric scrape", MetricType.Gauge);

    private readonly StubStatusClient[] _clients;
    private readonly LabelSet[] _labels;
    private readonly string?[] _lastError;
    private readonly bool[] _seen;
    private readonly ScrapeCoalescer<ScrapeResult[]> _coalescer;
    private readonly Serilog.ILogger _logger;

    /// <param name="clients">One per target.</param>
    /// <param name="constLabels">Labels added to every nginx family.</param>
    /// <param name="logger">Where changes of a target's state are logged.</param>
    public NginxCollector(IReadOnlyList<StubStatusClient> clients, IReadOnlyList<KeyValuePair<string, string>> constLabels, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(constLabels);
        _clients = [.. clients];
        _logger = logger;
        _lastError = new string?[_clients.Length];
        _seen = new bool[_clients.Length];
        _labels = new LabelSet[_clients.Length];
        for (var i = 0; i < _clients.Length; i++)
        {
            var pairs = new List<KeyValuePair<string, string>>(constLabels);
            if (_clients.Length > 1)
            {
                pairs.Add(new("addr", _clients[i].Target.Text));
            }

            pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            _labels[i] = LabelSet.Create(pairs);
        }

        _coalescer = new ScrapeCoalescer<ScrapeResult[]>(ScrapeAllAsync);
    }

    public async Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var results = await _coalescer.GetAsync(cancellationToken).ConfigureAwait(false);
        Write(writer, results, Accepted, static s => s.Accepted);
        Write(writer, results, Active, static s => s.Active);
        Write(writer, results, Handled, static s => s.Handled);
        Write(writer, results, Reading, static s => s.Reading);
        Write(writer, results, Waiting, static s => s.Waiting);
        Write(writer, results, Writing, static s => s.Writing);
        Write(writer, results, Requests, static s => s.Requests);
        for (var i = 0; i < results.Length; i++)
        {
            writer.WriteSample(Up, _labels[i], results[i].IsUp ? 1 : 0);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private void Write(ExpositionWriter writer, ScrapeResult[] results, MetricFamily family, Func<StubStatus, ulong> value)
    {
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].IsUp)
            {
                writer.WriteSample(family, _labels[i], value(results[i].Status));
            }
        }
    }

    private async Task<ScrapeResult[]> ScrapeAllAsync(CancellationToken cancellationToken)
    {
        var results = new ScrapeResult[_clients.Length];
        if (_clients.Length == 1)
        {
            results[0] = await _clients[0].ScrapeAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var pending = new Task<ScrapeResult>[_clients.Length];
            for (var i = 0; i < _clients.Length; i++)
            {
                pending[i] = _clients[i].ScrapeAsync(cancellationToken);
            }

            for (var i = 0; i < _clients.Length; i++)
            {
                results[i] = await pending[i].ConfigureAwait(false);
            }
        }

        for (var i = 0; i < results.Length; i++)
        {
            LogChange(i, results[i]);
        }

        return results;
    }

    /// <summary>Logs when a target goes up or down, or fails for another reason than before; not per scrape.</summary>
    private void LogChange(int index, ScrapeResult result)
    {
        var first = !_seen[index];
        _seen[index] = true;
        var previous = _lastError[index];
        _lastError[index] = result.Error;
        var target = _clients[index].Target.Text;
        if (result.Error is null)
        {
            if (first || previous is not null)
            {
                _logger.Information("nginx stub_status at {Target} is up", target);
            }
        }
        else if (first || previous != result.Error)
        {
            _logger.Warning("nginx stub_status at {Target} is down: {Reason}", target, result.Error);
        }
    }
}
