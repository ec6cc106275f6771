using System.Net.Sockets;
using Exporters.Core.Hosting;

namespace Exporters.NginxLog.Syslog;

/// <summary>Binds a syslog listener's UDP or TCP socket at its address; a TCP socket is also set listening.</summary>
internal static class IpSocket
{
    private const int Backlog = 128;

    /// <summary>The bound socket; a <see cref="ServiceStartException"/> when the address cannot be had.</summary>
    public static Socket Bind(SyslogConfig config, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(config.EndPoint!.AddressFamily, type, protocol);
        try
        {
            socket.Bind(config.EndPoint);
            if (type == SocketType.Stream)
            {
                socket.Listen(Backlog);
            }
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ServiceStartException($"syslog listener {config.ListenAddress}: {e.Message}", e);
        }

        return socket;
    }
}
