using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Exporters.Core.Hosting;

/// <summary>
/// A Go-style listen address: <c>:9113</c> (every interface), <c>127.0.0.1:9113</c>, <c>[::1]:9113</c>
/// or <c>localhost:9113</c>.
/// </summary>
public sealed class ListenAddress
{
    private ListenAddress(string text, string? host, int port)
    {
        Text = text;
        Host = host;
        Port = port;
    }

    public string Text { get; }

    /// <summary>The host part; null for every interface.</summary>
    public string? Host { get; }

    public int Port { get; }

    public static bool TryParse(string text, out ListenAddress? address, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = "missing port (use host:port, or :port for every interface)";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"port \"{portText}\" is not a number from 0 to 65535";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!IPAddress.TryParse(host, out _))
            {
                error = $"\"{host}\" is not an IPv6 address";
                return false;
            }
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = "an IPv6 address must be written in brackets, as [::1]:9100";
            return false;
        }

        if (host.Length > 0 && !IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            error = $"\"{host}\" is not a host name or IP address";
            return false;
        }

        address = new ListenAddress(text, host.Length == 0 ? null : host, port);
        error = null;
        return true;
    }

    /// <summary>Adds the matching endpoints to Kestrel, each set up by <paramref name="configure"/> (e.g. TLS).</summary>
    public void Apply(KestrelServerOptions kestrel, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        configure ??= static _ => { };
        if (Host is null)
        {
            kestrel.ListenAnyIP(Port, configure);
        }
        else if (IPAddress.TryParse(Host, out var ip))
        {
            kestrel.Listen(ip, Port, configure);
        }
        else if (Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(Port, configure);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(Host))
            {
                kestrel.Listen(resolved, Port, configure);
            }
        }
    }

    public override string ToString() => Text;
}
