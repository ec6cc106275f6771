using Microsoft.Extensions.Hosting;

namespace Exporters.NginxLog.Tailing;

/// <summary>Runs every namespace's tailer while the exporter runs; on stop they save their positions.</summary>
internal sealed class TailerService : BackgroundService
{
    private readonly IReadOnlyList<LogTailer> _tailers;

    public TailerService(IReadOnlyList<LogTailer> tailers)
    {
        _tailers = tailers;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Task[_tailers.Count];
        for (var i = 0; i < _tailers.Count; i++)
        {
            running[i] = _tailers[i].RunAsync(stoppingToken);
        }

        return Task.WhenAll(running);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var tailer in _tailers)
        {
            await tailer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
