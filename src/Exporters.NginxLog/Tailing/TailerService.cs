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
        // Files are opened without blocking and only regular files are read, so a tailer stops at once; should a
        // read still hang (a dead network filesystem), the host's shutdown timeout ends the wait all the same.
        foreach (var tailer in _tailers)
        {
            try
            {
                await tailer.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
