using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Microsoft.AspNetCore.Http;
using Prometheus;
using PrometheusFormat = Prometheus.ExpositionFormat;

namespace Exporters.Core.Hosting;

/// <summary>
/// Serves one scrape: the format chosen from Accept, then every scrape collector's families followed by
/// the prometheus-net registry's. A collector that fails is logged and left out; the page is still served.
/// </summary>
internal sealed class MetricsEndpoint
{
    private readonly IReadOnlyList<IScrapeCollector> _collectors;
    private readonly CollectorRegistry _registry;
    private readonly Serilog.ILogger _logger;
    private readonly bool[] _failing;

    public MetricsEndpoint(IReadOnlyList<IScrapeCollector> collectors, CollectorRegistry registry, Serilog.ILogger logger)
    {
        _collectors = collectors;
        _registry = registry;
        _logger = logger;
        _failing = new bool[collectors.Count];
    }

    public async Task HandleAsync(HttpContext http)
    {
        var format = ContentNegotiation.Negotiate(http.Request.Headers.Accept.ToString());
        http.Response.ContentType = ContentNegotiation.ContentType(format);
        http.Response.Headers.CacheControl = "no-store";
        var cancel = http.RequestAborted;
        var writer = new ExpositionWriter(http.Response.BodyWriter, format);
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

        await http.Response.BodyWriter.FlushAsync(cancel).ConfigureAwait(false);
        var registryFormat = format == Exposition.ExpositionFormat.OpenMetrics100 ? PrometheusFormat.OpenMetricsText : PrometheusFormat.PrometheusText;
        await _registry.CollectAndExportAsTextAsync(http.Response.Body, registryFormat, cancel).ConfigureAwait(false);
    }
}
