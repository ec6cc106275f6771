using System.Buffers;
using System.Runtime.InteropServices;

namespace Exporters.Node;

/// <summary>
/// A netlink socket to the kernel (AF_NETLINK, raw), for one request at a time whose answer is a dump:
/// the route table (NETLINK_ROUTE) or the sockets (NETLINK_SOCK_DIAG). Dispose to close it.
/// </summary>
internal sealed partial class NetlinkSocket : IDisposable
{
    public const int RouteProtocol = 0;
    public const int SockDiagProtocol = 4;

    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;
    private const int MsgTrunc = 0x20;
    private const int Eintr = 4;
    private const int BufferSize = 64 * 1024;
    private const ushort FlagRequest = 0x1;
    private const ushort FlagDump = 0x300;
    private int _fd;
    private uint _sequence;

    private NetlinkSocket(int fd)
    {
        _fd = fd;
    }

    /// <exception cref="IOException">The kernel refuses the socket (e.g. no such netlink family).</exception>
    public static NetlinkSocket Open(int protocol)
    {
        var fd = Socket(AfNetlink, SockRaw | SockCloexec, protocol);
        return fd < 0 ? throw Error("socket", Marshal.GetLastPInvokeError()) : new NetlinkSocket(fd);
    }

    /// <summary>Sends a dump request of <paramref name="type"/> with <paramref name="body"/> and hands each answer to <paramref name="handler"/>.</summary>
    /// <exception cref="IOException">Sending or receiving fails, or the kernel answers with an error.</exception>
    /// <exception cref="FormatException">An answer is malformed.</exception>
    public void Dump<T>(ushort type, ReadOnlySpan<byte> body, ref T handler)
        where T : struct, INetlinkHandler
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var sequence = ++_sequence;
        var length = NetlinkMessages.HeaderSize + NetlinkMessages.Align(body.Length);
        Span<byte> request = length <= 256 ? stackalloc byte[length] : new byte[length];
        request.Clear();
        NetlinkMessages.WriteHeader(request, (uint)length, type, FlagRequest | FlagDump, sequence);
        body.CopyTo(request[NetlinkMessages.HeaderSize..]);
        Send(request);

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = Receive(buffer);
                if (NetlinkMessages.Read(buffer.AsSpan(0, received), sequence, ref handler))
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
            _fd = -1;
        }
    }

    private static IOException Error(string call, int errno) =>
        new($"netlink {call}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    private unsafe void Send(ReadOnlySpan<byte> request)
    {
        fixed (byte* data = request)
        {
            while (true)
            {
                var sent = Send(_fd, data, request.Length, 0);
                if (sent == request.Length)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (sent < 0 && errno == Eintr)
                {
                    continue;
                }

                throw sent < 0 ? Error("send", errno) : new IOException("netlink send: the request went out in part");
            }
        }
    }

    private unsafe int Receive(byte[] buffer)
    {
        fixed (byte* data = buffer)
        {
            while (true)
            {
                // With MSG_TRUNC the length of the whole datagram comes back even when it did not fit.
                var received = Receive(_fd, data, buffer.Length, MsgTrunc);
                if (received >= 0)
                {
                    return received <= buffer.Length ? (int)received : throw new IOException($"netlink recv: a {received}-byte answer does not fit in {buffer.Length} bytes");
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Eintr)
                {
                    throw Error("recv", errno);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
