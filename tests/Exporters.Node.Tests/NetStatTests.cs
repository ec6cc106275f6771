using System.Text.RegularExpressions;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class NetStatTests
{
    private static readonly Regex Defaults = new(CollectorOptions.DefaultNetStatFields);

    [Fact]
    public void Pairs_and_snmp6_give_protocol_field_families()
    {
        var netstat = "TcpExt: SyncookiesSent ListenDrops TCPTimeouts PruneCalled\nTcpExt: 1 2 3 4\nIpExt: InNoRoutes InOctets OutOctets\nIpExt: 0 1000 2000\n"u8.ToArray();
        var snmp = "Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 500\nTcp: RtoAlgorithm MaxConn ActiveOpens CurrEstab InErrs\nTcp: 1 -1 7 3 0\n"u8.ToArray();
        var snmp6 = "Ip6InReceives                   \t10\nIp6InOctets 4000\nUdpLite6InErrors 5\nIcmp6OutMsgs 6\n"u8.ToArray();
        var text = Fixtures.Render(w => NetStatCollector.Write(netstat, snmp, snmp6, Defaults, w));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'));
        Assert.Equal(
            [
                "node_netstat_Icmp6_OutMsgs 6", "node_netstat_Ip6_InOctets 4000", "node_netstat_IpExt_InOctets 1000", "node_netstat_IpExt_OutOctets 2000",
                "node_netstat_Ip_Forwarding 1", "node_netstat_TcpExt_ListenDrops 2", "node_netstat_TcpExt_SyncookiesSent 1", "node_netstat_TcpExt_TCPTimeouts 3",
                "node_netstat_Tcp_ActiveOpens 7", "node_netstat_Tcp_CurrEstab 3", "node_netstat_Tcp_InErrs 0", "node_netstat_UdpLite6_InErrors 5",
            ],
            lines);
        Assert.StartsWith("# HELP node_netstat_Icmp6_OutMsgs Statistic Icmp6OutMsgs.\n# TYPE node_netstat_Icmp6_OutMsgs untyped\n", text);
        Assert.Contains("# HELP node_netstat_TcpExt_TCPTimeouts Statistic TcpExtTCPTimeouts.\n", text);
    }

    [Fact]
    public void Host_files_parse_without_snmp6()
    {
        var text = Fixtures.Render(w => NetStatCollector.Write(Fixtures.Bytes("proc/net/netstat"), Fixtures.Bytes("proc/net/snmp"), default, new Regex("."), w));
        Assert.Contains("node_netstat_Tcp_MaxConn -1\n", text);
        Assert.DoesNotContain("node_netstat_Ip6_", text);
    }
}
