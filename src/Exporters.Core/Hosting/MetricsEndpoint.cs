using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Microsoft.AspNetCore.Http;
using Prometheus;
using PrometheusFormat = Prometheus.ExpositionFormat;

namespace Exporters.Core.Hosting;

/// <summary>
/// Serves one scrape: the format chosen from Accept, every scrape collector's families, then those of the
/// prometheus-net registry when the service uses it; the page is built in a pooled buffer and sent in one
/// write. A collector that fails is logged (once per change) and left out; the page is still served.
/// </summary>
internal sealed class MetricsEndpoint
{
    private readonly IReadOnlyList<IScrapeCollector> _collectors;
    private readonly CollectorRegistry? _registry;
    private readonly Serilog.ILogger _logger;
    private readonly bool[] _failing;
    private readonly int _maxConcurrent;
    private int _running;

    /// <param name="collectors">Run in order on every scrape.</param>
    /// <param name="registry">prometheus-net's registry, or null when the service registered nothing in it.</param>
    /// <param name="logger">Where collector failures are logged.</param>
    /// <param name="maxConcurrent">How many scrapes may run at once (503 beyond); 0 for no limit.</param>
    public MetricsEndpoint(IReadOnlyList<IScrapeCollector> collectors, CollectorRegistry? registry, Serilog.ILogger logger, int maxConcurrent = 0)
    {
        _collectors = collectors;
        _registry = registry;
        _logger = logger;
        _failing = new bool[collectors.Count];
        _maxConcurrent = maxConcurrent;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (_maxConcurrent <= 0)
        {
            await ServeAsync(http).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _running) > _maxConcurrent)
        {
            Interlocked.Decrement(ref _running);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Limit of concurrent requests reached ({_maxConcurrent}), try again later.\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAsync(http).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        var format = ContentNegotiation.Negotiate(http.Request.Headers.Accept.ToString());
        var cancel = http.RequestAborted;
        using var page = new PooledBufferWriter();
        var writer = new ExpositionWriter(page, format);
        for (var i = 0; i < _collectors.Count; i++)
        {
            try
            {
                await _collectors[i].CollectAsync(writer, cancel).ConfigureAwait(false);
                if (_failing[i])
                {
                    _failing[i] = false;
                    _logger.Information("Collector {Collector} works again", _collectors[i].GetType().Name);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                if (!_failing[i])
                {
                    _failing[i] = true;
                    _logger.Warning(e, "Collector {Collector} failed; its families are left out", _collectors[i].GetType().Name);
                }
            }
        }

        if (_registry is null)
        {
            writer.WriteEnd();
        }
        else
        {
            // prometheus-net ends an OpenMetrics page with its own "# EOF".
            using var registryPage = new MemoryStream();
            var registryFormat = format == Exposition.ExpositionFormat.OpenMetrics100 ? PrometheusFormat.OpenMetricsText : PrometheusFormat.PrometheusText;
            await _registry.CollectAndExportAsTextAsync(registryPage, registryFormat, cancel).ConfigureAwait(false);
            page.Write(registryPage.GetBuffer().AsSpan(0, (int)registryPage.Length));
        }

        http.Response.ContentType = ContentNegotiation.ContentType(format);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentLength = page.WrittenCount;
        await http.Response.Body.WriteAsync(page.WrittenMemory, cancel).ConfigureAwait(false);
    }
}
