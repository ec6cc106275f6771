using System.Net.Sockets;
using Exporters.Core.Hosting;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Binds a unix socket at a path: a socket file left by a process that is gone is replaced; one that a live
/// process listens on is "address in use". The file is made writable by all, as nginx's workers send as
/// their own user.
/// </summary>
internal static class UnixSocketFile
{
    public static Socket Bind(string path, SocketType type, string address)
    {
        var endPoint = new UnixDomainSocketEndPoint(path);
        if (File.Exists(path) || Directory.Exists(path))
        {
            if ((File.GetAttributes(path) & FileAttributes.Directory) != 0 || !IsStale(endPoint, type))
            {
                throw new ServiceStartException($"syslog listener {address}: address already in use");
            }

            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            socket.Bind(endPoint);
            File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            throw new ServiceStartException($"syslog listener {address}: {e.Message}", e);
        }
    }

    public static void Remove(string path, Serilog.ILogger logger)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.Warning("Could not remove the syslog socket {Path}: {Reason}", path, e.Message);
        }
    }

    /// <summary>True when nothing accepts on the socket file (a connection is refused).</summary>
    private static bool IsStale(UnixDomainSocketEndPoint endPoint, SocketType type)
    {
        using var probe = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            probe.Connect(endPoint);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
