using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// The TCP sockets of the node by state, and the bytes queued on them, from a sock_diag dump over netlink
/// (IPv4, and IPv6 when /proc/net/tcp6 is there), as node_exporter 1.5 counts them.
/// </summary>
internal sealed class TcpStatCollector : INodeCollector
{
    private const byte AfInet = 2;
    private const byte AfInet6 = 10;
    private static readonly MetricFamily States = new("node_tcp_connection_states", "Number of connection states.", MetricType.Gauge);
    private static readonly LabelCache StateLabels = new("state");

    public string Name => "tcpstat";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var counts = new TcpStateCounts();
        Dump(AfInet, ref counts);
        if (Path.Exists(paths.Proc("net/tcp6")))
        {
            Dump(AfInet6, ref counts);
        }

        Write(counts, writer);
        return true;
    }

    /// <summary>The counts by state name, in node_exporter's order (by name).</summary>
    public static void Write(TcpStateCounts counts, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (name, value) in counts.ByName())
        {
            writer.WriteSample(States, StateLabels.Get(name), value);
        }
    }

    /// <summary>An inet_diag_req_v2 for every TCP socket of <paramref name="family"/> (all states).</summary>
    public static byte[] Request(byte family)
    {
        var request = new byte[TcpStateCounts.RequestSize];
        request[0] = family;
        request[1] = 6; // IPPROTO_TCP
        request[4] = 0xFF; // idiag_states: TCPF_ALL (0xFFF), little-endian
        request[5] = 0x0F;
        return request;
    }

    private static void Dump(byte family, ref TcpStateCounts counts)
    {
        using var socket = NetlinkSocket.Open(NetlinkSocket.SockDiagProtocol);
        socket.Dump(TcpStateCounts.SockDiagByFamily, Request(family), ref counts);
    }
}
