using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// node_network_address_info: every address of every interface of the host (not filtered by device, as
/// node_exporter's --collector.netdev.address-info), with its prefix length and node_exporter's scope.
/// </summary>
internal static class NetworkAddressInfo
{
    private static readonly MetricFamily Info = new("node_network_address_info", "node network address by device", MetricType.Gauge);

    public static void Write(ExpositionWriter writer)
    {
        var rows = new List<(string Address, string Device, string Netmask, string Scope)>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                rows.Add((Format(address), nic.Name, unicast.PrefixLength.ToString(CultureInfo.InvariantCulture), Scope(address)));
            }
        }

        rows.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Address, b.Address);
            c = c != 0 ? c : string.CompareOrdinal(a.Device, b.Device);
            c = c != 0 ? c : string.CompareOrdinal(a.Netmask, b.Netmask);
            return c != 0 ? c : string.CompareOrdinal(a.Scope, b.Scope);
        });
        foreach (var row in rows)
        {
            writer.WriteSample(Info, LabelSet.Create([new("address", row.Address), new("device", row.Device), new("netmask", row.Netmask), new("scope", row.Scope)]), 1);
        }
    }

    /// <summary>Go's scope of an address: link-local for loopback and link-local ones, interface-local multicast, global unicast, else empty.</summary>
    public static string Scope(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        if (bytes.Length == 4)
        {
            var loopback = bytes[0] == 127;
            var linkLocal = bytes[0] == 169 && bytes[1] == 254;
            var linkLocalMulticast = bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0;
            if (loopback || linkLocal || linkLocalMulticast)
            {
                return "link-local";
            }

            var unspecified = bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
            var broadcast = bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255;
            var multicast = bytes[0] >= 224 && bytes[0] <= 239;
            return unspecified || broadcast || multicast ? "" : "global";
        }

        if (IPAddress.IsLoopback(address) || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) || (bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02))
        {
            return "link-local";
        }

        if (bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x01)
        {
            return "interface-local";
        }

        return bytes[0] == 0xff || address.Equals(IPAddress.IPv6None) ? "" : "global";
    }

    /// <summary>The address as Go prints it: no zone, IPv4-mapped IPv6 as IPv4.</summary>
    public static string Format(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : new IPAddress(address.GetAddressBytes()).ToString();
        }

        return address.ToString();
    }
}
