using System.Net;
using System.Net.Sockets;
using Exporters.NginxLog.Syslog;

namespace Exporters.NginxLog.Tests.Syslog;

/// <summary>recvmmsg over a real loopback UDP socket: every queued datagram in one call, cut ones flagged.</summary>
public sealed class DatagramBatchTests
{
    [Fact]
    public void Takes_every_queued_datagram_in_one_call_and_flags_those_longer_than_a_slot()
    {
        using var receiver = Receiver(timeoutMilliseconds: 5000);
        using var sender = SenderTo(receiver);
        sender.Send("first"u8);
        sender.Send(new byte[100]);
        sender.Send(Array.Empty<byte>());
        sender.Send("last"u8);
        using var batch = new DatagramBatch(slotBytes: 64);

        var count = batch.Receive((int)receiver.Handle);

        Assert.Equal(4, count);
        Assert.Equal("first"u8.ToArray(), batch.Datagram(0, out var cut).ToArray());
        Assert.False(cut);
        Assert.Equal(64, batch.Datagram(1, out cut).Length);
        Assert.True(cut);
        Assert.Equal(0, batch.Datagram(2, out cut).Length);
        Assert.False(cut);
        Assert.Equal("last"u8.ToArray(), batch.Datagram(3, out cut).ToArray());
        Assert.False(cut);
        Assert.Equal(0u, batch.KernelDrops);
    }

    [Fact]
    public void Reports_the_datagrams_the_kernel_dropped_with_the_next_one_received()
    {
        using var receiver = Receiver(timeoutMilliseconds: 5000);
        using var sender = SenderTo(receiver);
        const int Sent = 1000;
        Flood(receiver, sender, Sent);

        using var batch = new DatagramBatch(slotBytes: 16);
        var received = 0;
        int count;
        while ((count = batch.Receive((int)receiver.Handle)) == DatagramBatch.Slots)
        {
            received += count;
        }

        received += count;
        sender.Send("marker"u8);
        received += batch.Receive((int)receiver.Handle);

        Assert.InRange(batch.KernelDrops, 1u, (uint)Sent);
        Assert.Equal(Sent + 1, received + (int)batch.KernelDrops);
    }

    [Fact]
    public void Reads_the_drops_of_a_burst_that_no_datagram_follows_when_polled()
    {
        using var receiver = Receiver(timeoutMilliseconds: 200);
        using var sender = SenderTo(receiver);
        const int Sent = 1000;
        Flood(receiver, sender, Sent);

        using var batch = new DatagramBatch(slotBytes: 16);
        var received = 0;
        int count;
        while ((count = batch.Receive((int)receiver.Handle)) > 0)
        {
            received += count;
        }

        batch.PollDrops((int)receiver.Handle);

        Assert.InRange(batch.KernelDrops, 1u, (uint)Sent);
        Assert.Equal(Sent, received + (int)batch.KernelDrops);
    }

    private static Socket Receiver(int timeoutMilliseconds)
    {
        var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = timeoutMilliseconds;
        return receiver;
    }

    private static Socket SenderTo(Socket receiver)
    {
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        return sender;
    }

    /// <summary>Sends far more datagrams than the receiver's small buffer holds, its drops reported.</summary>
    private static void Flood(Socket receiver, Socket sender, int count)
    {
        receiver.ReceiveBufferSize = 4096;
        DatagramBatch.ReportDrops((int)receiver.Handle);
        for (var i = 0; i < count; i++)
        {
            sender.Send("x"u8);
        }
    }
}
