using System.Net;

namespace Exporters.NginxLog.Syslog;

/// <summary>A namespace's <c>source.syslog</c>: where to listen, the message format and the tags accepted.</summary>
internal sealed class SyslogConfig
{
    /// <summary>As written, e.g. <c>udp://127.0.0.1:5531</c>; names the listener in logs and metrics.</summary>
    public required string ListenAddress { get; init; }

    public required SyslogTransport Transport { get; init; }

    /// <summary>For UDP and TCP.</summary>
    public IPEndPoint? EndPoint { get; init; }

    /// <summary>For a unix socket.</summary>
    public string? SocketPath { get; init; }

    public SyslogFormat Format { get; init; } = SyslogFormat.Auto;

    /// <summary>Messages whose tag (RFC 5424: APP-NAME) is not one of these are dropped; empty accepts all.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Parses <c>udp://host:port</c>, <c>tcp://host:port</c> or <c>unix:///path</c>; null with a problem otherwise.</summary>
    public static (SyslogTransport Transport, IPEndPoint? EndPoint, string? Path)? ParseAddress(string address, out string? problem)
    {
        problem = null;
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme < 0 ? "" : address[(scheme + 3)..];
        switch (scheme < 0 ? "" : address[..scheme])
        {
            case "unix":
                if (!rest.StartsWith('/'))
                {
                    problem = "a unix socket address needs an absolute path, like unix:///run/nginx-syslog.sock";
                    return null;
                }

                return (SyslogTransport.Unix, null, rest);
            case "udp" or "tcp":
                var colon = rest.LastIndexOf(':');
                var host = colon < 0 ? "" : rest[..colon].Trim('[', ']');
                if (colon < 0 || !int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    problem = "want host:port with a port from 1 to 65535 after the scheme";
                    return null;
                }

                IPAddress? ip = host switch
                {
                    "" => IPAddress.Any,
                    "localhost" => IPAddress.Loopback,
                    _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
                };
                if (ip is null)
                {
                    problem = $"host \"{host}\" is not an IP address (or localhost)";
                    return null;
                }

                return (address.StartsWith("udp", StringComparison.Ordinal) ? SyslogTransport.Udp : SyslogTransport.Tcp, new IPEndPoint(ip, port), null);
            default:
                problem = "want udp://host:port, tcp://host:port or unix:///path";
                return null;
        }
    }
}
