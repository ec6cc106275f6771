namespace Exporters.NginxLog.Syslog;

/// <summary>How a syslog listener receives: the scheme of <c>source.syslog.listen_address</c>.</summary>
internal enum SyslogTransport
{
    Udp,
    Tcp,

    /// <summary>A unix datagram socket, as nginx's <c>syslog:server=unix:PATH</c> writes to.</summary>
    Unix,
}
