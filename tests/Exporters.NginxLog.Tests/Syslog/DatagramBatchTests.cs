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
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 5000;
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
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
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 5000;
        receiver.ReceiveBufferSize = 4096;
        DatagramBatch.ReportDrops((int)receiver.Handle);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        const int Sent = 1000;
        for (var i = 0; i < Sent; i++)
        {
            sender.Send("x"u8);
        }

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
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 200;
        receiver.ReceiveBufferSize = 4096;
        DatagramBatch.ReportDrops((int)receiver.Handle);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        const int Sent = 1000;
        for (var i = 0; i < Sent; i++)
        {
            sender.Send("x"u8);
        }

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
}
