namespace Exporters.NginxLog.Syslog;

/// <summary>A socket that receives syslog messages for one namespace.</summary>
internal interface ISyslogListener : IDisposable
{
    /// <summary>Binds the socket; a <see cref="Core.Hosting.ServiceStartException"/> when the address cannot be had.</summary>
    void Bind();

    /// <summary>Receives until <paramref name="stop"/> is cancelled.</summary>
    Task RunAsync(CancellationToken stop);
}
