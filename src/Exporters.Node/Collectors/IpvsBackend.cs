namespace Exporters.Node.Collectors;

/// <summary>One real server of a virtual service in /proc/net/ip_vs, its addresses written as node_exporter writes them.</summary>
/// <param name="LocalAddress">The virtual address, empty for a firewall-mark service.</param>
/// <param name="LocalPort">The virtual port in decimal, 0 for a firewall-mark service.</param>
/// <param name="RemoteAddress">The real server's address.</param>
/// <param name="RemotePort">The real server's port in decimal.</param>
/// <param name="Proto">TCP, UDP or FWM.</param>
/// <param name="LocalMark">The firewall mark as written, empty for a TCP or UDP service.</param>
/// <param name="Weight">The real server's weight.</param>
/// <param name="ActiveConn">Its active connections.</param>
/// <param name="InactConn">Its inactive connections.</param>
internal sealed record IpvsBackend(
    string LocalAddress, string LocalPort, string RemoteAddress, string RemotePort, string Proto, string LocalMark, ulong Weight, ulong ActiveConn, ulong InactConn)
{
    /// <summary>The value of one of node_exporter's backend labels.</summary>
    public string Label(string name) => name switch
    {
        "local_address" => LocalAddress,
        "local_port" => LocalPort,
        "remote_address" => RemoteAddress,
        "remote_port" => RemotePort,
        "proto" => Proto,
        "local_mark" => LocalMark,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an IPVS backend label"),
    };
}
