using Microsoft.Extensions.Hosting;

namespace Exporters.NginxStub;

/// <summary>
/// At start, tries each target up to 1 + retries times and logs whether nginx answers, as
/// nginx-prometheus-exporter's --nginx.retries does; unlike it, the exporter serves either way.
/// </summary>
internal sealed class StartupProbe : BackgroundService
{
    private readonly IReadOnlyList<StubStatusClient> _clients;
    private readonly int _retries;
    private readonly TimeSpan _interval;
    private readonly Serilog.ILogger _logger;

    public StartupProbe(IReadOnlyList<StubStatusClient> clients, int retries, TimeSpan interval, Serilog.ILogger logger)
    {
        _clients = clients;
        _retries = retries;
        _interval = interval;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_retries == 0)
        {
            return;
        }

        foreach (var client in _clients)
        {
            for (var attempt = 0; attempt <= _retries; attempt++)
            {
                var result = await client.ScrapeAsync(stoppingToken).ConfigureAwait(false);
                if (result.IsUp)
                {
                    _logger.Information("nginx stub_status at {Target} answered at start", client.Target.Text);
                    break;
                }

                if (attempt == _retries)
                {
                    _logger.Warning(
                        "nginx stub_status at {Target} did not answer after {Retries} retries: {Reason}; serving anyway",
                        client.Target.Text, _retries, result.Error);
                    break;
                }

                await Task.Delay(_interval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
