using System.Buffers.Binary;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class NetlinkTests
{
    private const uint Sequence = 7;

    [Fact]
    public void Sockets_are_counted_by_state_with_their_queues_until_the_dump_ends()
    {
        var datagram = Concat(
            Message(20, Sequence, DiagMessage(state: 10, rqueue: 0, wqueue: 128)),
            Message(20, Sequence, DiagMessage(state: 1, rqueue: 5, wqueue: 7)),
            Message(20, Sequence + 1, DiagMessage(state: 1, rqueue: 1000, wqueue: 1000)),
            Message(20, Sequence, DiagMessage(state: 1, rqueue: 0, wqueue: 0)),
            Message(NetlinkMessages.Done, Sequence, new byte[4]));
        var counts = new TcpStateCounts();
        Assert.True(NetlinkMessages.Read(datagram, Sequence, ref counts));
        Assert.Equal(
            [("established", 2.0), ("listen", 1.0), ("rx_queued_bytes", 5.0), ("tx_queued_bytes", 135.0)],
            counts.ByName().ToList());
    }

    [Fact]
    public void Unknown_states_are_counted_once_under_one_label()
    {
        var datagram = Concat(Message(20, Sequence, DiagMessage(0, 0, 0)), Message(20, Sequence, DiagMessage(0, 0, 0)), Message(20, Sequence, DiagMessage(99, 0, 0)));
        var counts = new TcpStateCounts();
        Assert.False(NetlinkMessages.Read(datagram, Sequence, ref counts));
        Assert.Contains(("unknown", 2.0), counts.ByName());
    }

    [Fact]
    public void An_error_answer_fails()
    {
        var error = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(error, -13);
        var counts = new TcpStateCounts();
        var e = Assert.Throws<IOException>(() => NetlinkMessages.Read(Message(NetlinkMessages.Error, Sequence, error), Sequence, ref counts));
        Assert.Contains("errno 13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_longer_than_its_datagram_is_malformed()
    {
        var datagram = Message(20, Sequence, DiagMessage(1, 0, 0));
        var counts = new TcpStateCounts();
        Assert.Throws<FormatException>(() => NetlinkMessages.Read(datagram.AsSpan(0, 40), Sequence, ref counts));
    }

    [Fact]
    public void A_short_socket_message_is_malformed()
    {
        var counts = new TcpStateCounts();
        Assert.Throws<FormatException>(() => NetlinkMessages.Read(Message(20, Sequence, new byte[20]), Sequence, ref counts));
    }

    internal static byte[] Message(ushort type, uint sequence, byte[] payload)
    {
        var message = new byte[NetlinkMessages.Align(NetlinkMessages.HeaderSize + payload.Length)];
        NetlinkMessages.WriteHeader(message, (uint)(NetlinkMessages.HeaderSize + payload.Length), type, 2, sequence);
        payload.CopyTo(message, NetlinkMessages.HeaderSize);
        return message;
    }

    internal static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] DiagMessage(byte state, uint rqueue, uint wqueue)
    {
        var message = new byte[72];
        message[0] = 2;
        message[1] = state;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(56), rqueue);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(60), wqueue);
        return message;
    }
}
