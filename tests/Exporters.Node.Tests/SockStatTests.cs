using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class SockStatTests
{
    [Fact]
    public void Sockstat_and_sockstat6_are_exact_with_memory_in_bytes()
    {
        var sockstat = "sockets: used 34\nTCP: inuse 11 orphan 0 tw 145 alloc 12 mem 168\nUDP: inuse 1 mem 2\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n"u8.ToArray();
        var sockstat6 = "TCP6: inuse 3\nUDP6: inuse 4\n"u8.ToArray();
        var text = Fixtures.Render(w => SockStatCollector.Write(sockstat, sockstat6, 4096, w));
        Assert.Equal(
            [
                "node_sockstat_FRAG_inuse 0", "node_sockstat_FRAG_memory 0", "node_sockstat_RAW_inuse 0", "node_sockstat_TCP6_inuse 3",
                "node_sockstat_TCP_alloc 12", "node_sockstat_TCP_inuse 11", "node_sockstat_TCP_mem 168", "node_sockstat_TCP_mem_bytes 688128",
                "node_sockstat_TCP_orphan 0", "node_sockstat_TCP_tw 145", "node_sockstat_UDP6_inuse 4", "node_sockstat_UDPLITE_inuse 0",
                "node_sockstat_UDP_inuse 1", "node_sockstat_UDP_mem 2", "node_sockstat_UDP_mem_bytes 8192", "node_sockstat_sockets_used 34",
            ],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')));
        Assert.StartsWith("# HELP node_sockstat_FRAG_inuse Number of FRAG sockets in state inuse.\n# TYPE node_sockstat_FRAG_inuse gauge\n", text);
        Assert.Contains("# HELP node_sockstat_TCP_mem_bytes Number of TCP sockets in state mem_bytes.\n# TYPE node_sockstat_TCP_mem_bytes gauge\n", text);
        Assert.Contains("# HELP node_sockstat_sockets_used Number of IPv4 sockets in use.\n# TYPE node_sockstat_sockets_used gauge\n", text);
    }
}
