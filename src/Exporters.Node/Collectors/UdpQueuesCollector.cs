using System.Buffers.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/udp and /proc/net/udp6: the bytes queued for sending and receiving over all UDP sockets.</summary>
internal sealed class UdpQueuesCollector : INodeCollector
{
    private const int QueuesColumn = 4;
    private static readonly MetricFamily Queues = new("node_udp_queues", "Number of allocated memory in the kernel for UDP datagrams in bytes.", MetricType.Gauge);
    private static readonly LabelSet RxV4 = LabelSet.Create([new("ip", "v4"), new("queue", "rx")]);
    private static readonly LabelSet TxV4 = LabelSet.Create([new("ip", "v4"), new("queue", "tx")]);
    private static readonly LabelSet RxV6 = LabelSet.Create([new("ip", "v6"), new("queue", "rx")]);
    private static readonly LabelSet TxV6 = LabelSet.Create([new("ip", "v6"), new("queue", "tx")]);

    public string Name => "udp_queues";

    public bool EnabledByDefault => true;

    /// <exception cref="FileNotFoundException">Neither file exists (no IPv4 nor IPv6).</exception>
    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var v4Path = paths.Proc("net/udp");
        var v6Path = paths.Proc("net/udp6");
        if (!File.Exists(v4Path) && !File.Exists(v6Path))
        {
            throw new FileNotFoundException($"neither {v4Path} nor {v6Path} exists");
        }

        // Without IPv4 or IPv6 its file is missing and its samples are left out.
        using var v4 = File.Exists(v4Path) ? FileBuffer.Read(v4Path) : default;
        using var v6 = File.Exists(v6Path) ? FileBuffer.Read(v6Path) : default;
        Write(v4.Length > 0 ? Sum(v4.Span) : null, v6.Length > 0 ? Sum(v6.Span) : null, writer);
        return true;
    }

    /// <summary>The samples ordered by ip, then queue, as node_exporter lists them.</summary>
    public static void Write((ulong Tx, ulong Rx)? v4, (ulong Tx, ulong Rx)? v6, ExpositionWriter writer)
    {
        if (v4 is { } four)
        {
            writer.WriteSample(Queues, RxV4, four.Rx);
            writer.WriteSample(Queues, TxV4, four.Tx);
        }

        if (v6 is { } six)
        {
            writer.WriteSample(Queues, RxV6, six.Rx);
            writer.WriteSample(Queues, TxV6, six.Tx);
        }
    }

    /// <summary>The sums of the hexadecimal <c>tx_queue:rx_queue</c> column of every socket line.</summary>
    /// <exception cref="FormatException">A socket line without that column.</exception>
    public static (ulong Tx, ulong Rx) Sum(ReadOnlySpan<byte> file)
    {
        ulong tx = 0;
        ulong rx = 0;
        var text = file;
        var first = true;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (first)
            {
                first = false;
                continue;
            }

            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            if (!Bytes.Column(line, QueuesColumn, out var queues))
            {
                throw new FormatException("a UDP socket line has no queue column");
            }

            var colon = queues.IndexOf((byte)':');
            if (colon < 0 || !Utf8Parser.TryParse(queues[..colon], out ulong sent, out var used, 'x') || used != colon
                || !Utf8Parser.TryParse(queues[(colon + 1)..], out ulong received, out used, 'x') || used != queues.Length - colon - 1)
            {
                throw new FormatException("a UDP socket line has a malformed tx_queue:rx_queue column");
            }

            tx += sent;
            rx += received;
        }

        return (tx, rx);
    }
}
