using System.Text;
using Exporters.NginxLog.Syslog;
using Exporters.NginxLog.Tests.Tailing;

namespace Exporters.NginxLog.Tests.Syslog;

/// <summary>TCP syslog framing: octet counting and newlines, split anywhere, oversize skipped.</summary>
public sealed class StreamFramerTests
{
    [Fact]
    public void Octet_counted_and_newline_framed_messages_split_across_reads()
    {
        var stream = "<13>Jan  1 00:00:00 h nginx: one\n" + Frame("<13>Jan  1 00:00:00 h nginx: two\nlines") + "<13>Jan  1 00:00:00 h nginx: three\n";
        var (sink, receiver) = Receiver(maxLineBytes: 1000);
        var framer = new StreamFramer(receiver, 4096);
        var buffer = new byte[4096];
        var filled = 0;
        foreach (var piece in Encoding.UTF8.GetBytes(stream).Chunk(7))
        {
            piece.CopyTo(buffer, filled);
            filled = framer.Consume(buffer, filled + piece.Length);
        }

        framer.Finish(buffer.AsSpan(0, filled));

        Assert.Equal(["one", "two\nlines", "three"], sink.Lines);
        Assert.Equal(3, receiver.Received);
    }

    [Fact]
    public void A_message_longer_than_the_buffer_is_skipped_and_counted()
    {
        var (sink, receiver) = Receiver(maxLineBytes: 1000);
        var framer = new StreamFramer(receiver, 64);
        var stream = Encoding.UTF8.GetBytes(Frame("<13>Jan  1 00:00:00 h nginx: " + new string('x', 200)) + new string('y', 100) + "\n<13>Jan  1 00:00:00 h nginx: ok\n");
        var buffer = new byte[64];
        var filled = 0;
        var at = 0;
        while (at < stream.Length)
        {
            var n = Math.Min(buffer.Length - filled, stream.Length - at);
            stream.AsSpan(at, n).CopyTo(buffer.AsSpan(filled));
            at += n;
            filled = framer.Consume(buffer, filled + n);
        }

        Assert.Equal(["ok"], sink.Lines);
        Assert.Equal(2, receiver.Oversize);
    }

    private static string Frame(string message) => $"{Encoding.UTF8.GetByteCount(message)} {message}";

    private static (CountingSink Sink, SyslogReceiver Receiver) Receiver(int maxLineBytes)
    {
        var sink = new CountingSink();
        var config = new SyslogConfig { ListenAddress = "tcp://127.0.0.1:1", Transport = SyslogTransport.Tcp, Tags = ["nginx"] };
        return (sink, new SyslogReceiver(config, sink, maxLineBytes));
    }
}
