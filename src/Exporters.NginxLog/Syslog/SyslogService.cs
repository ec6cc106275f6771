using Microsoft.Extensions.Hosting;

namespace Exporters.NginxLog.Syslog;

/// <summary>Binds every namespace's syslog listener at start (an address in use stops the start) and runs them.</summary>
internal sealed class SyslogService : BackgroundService
{
    private readonly IReadOnlyList<ISyslogListener> _listeners;

    public SyslogService(IReadOnlyList<ISyslogListener> listeners)
    {
        _listeners = listeners;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            listener.Bind();
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Task[_listeners.Count];
        for (var i = 0; i < _listeners.Count; i++)
        {
            var listener = _listeners[i];
            running[i] = Task.Run(() => listener.RunAsync(stoppingToken), stoppingToken);
        }

        return Task.WhenAll(running);
    }
}
