using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Exporters.Node;

/// <summary>The framing of netlink messages (struct nlmsghdr and its 4-byte alignment), apart from the socket so tests can feed it bytes.</summary>
internal static class NetlinkMessages
{
    public const int HeaderSize = 16;
    public const ushort Error = 2;
    public const ushort Done = 3;

    public static int Align(int length) => (length + 3) & ~3;

    /// <summary>An nlmsghdr: length, type, flags, sequence number, port id 0 (the kernel).</summary>
    public static void WriteHeader(Span<byte> message, uint length, ushort type, ushort flags, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(message, length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(message[12..], 0);
    }

    /// <summary>
    /// The messages of one datagram of a dump answering request <paramref name="sequence"/>, each but the
    /// end handed to <paramref name="handler"/>; messages of other requests are skipped.
    /// </summary>
    /// <returns>True when the datagram ends the dump (NLMSG_DONE).</returns>
    /// <exception cref="IOException">The kernel answered with an error.</exception>
    /// <exception cref="FormatException">A message's length does not fit the datagram.</exception>
    public static bool Read<T>(ReadOnlySpan<byte> datagram, uint sequence, ref T handler)
        where T : struct, INetlinkHandler
    {
        var rest = datagram;
        while (rest.Length >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            if (length < HeaderSize || length > (uint)rest.Length)
            {
                throw new FormatException($"a netlink message of {length} bytes in a datagram of {rest.Length}");
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(rest[4..]);
            var payload = rest[HeaderSize..(int)length];
            var ours = BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]) == sequence;
            rest = rest[Math.Min(Align((int)length), rest.Length)..];
            if (!ours)
            {
                continue;
            }

            switch (type)
            {
                case Done:
                    // A dump that failed part-way ends with the negative error number here.
                    var status = payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : 0;
                    return status >= 0 ? true : throw Failure(-status);
                case Error:
                    var errno = payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(payload) : 0;
                    if (errno != 0)
                    {
                        throw Failure(errno);
                    }

                    continue;
                default:
                    handler.Message(type, payload);
                    break;
            }
        }

        return false;
    }

    private static IOException Failure(int errno) => new($"netlink: the kernel answered {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
}
