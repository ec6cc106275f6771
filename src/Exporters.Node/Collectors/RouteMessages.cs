using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// The rtnetlink answers the network_route collector reads: links (RTM_NEWLINK, for interface names) and
/// routes (RTM_NEWROUTE), each turned into node_exporter's label values.
/// </summary>
internal static class RouteMessages
{
    public const ushort GetLink = 18;
    public const ushort GetRoute = 26;
    public const int IfInfoSize = 16;
    public const int RtMsgSize = 12;
    private const ushort NewLink = 16;
    private const ushort NewRoute = 24;
    private const ushort IflaIfName = 3;
    private const ushort RtaDst = 1;
    private const ushort RtaOif = 4;
    private const ushort RtaGateway = 5;
    private const ushort RtaPriority = 6;
    private const ushort RtaPrefSrc = 7;
    private const ushort RtaMultipath = 9;
    private const byte RtnUnicast = 1;
    private const int RtNextHopSize = 8;

    /// <summary>An RTM_NEWLINK: its interface index and name.</summary>
    public static void ReadLink(ushort type, ReadOnlySpan<byte> payload, Dictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (type != NewLink)
        {
            return;
        }

        if (payload.Length < IfInfoSize)
        {
            throw new FormatException($"an ifinfomsg of {payload.Length} bytes");
        }

        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var attributes = payload[IfInfoSize..];
        while (NextAttribute(ref attributes, out var attribute, out var data))
        {
            if (attribute == IflaIfName)
            {
                var end = data.IndexOf((byte)0);
                names[index] = Encoding.UTF8.GetString(end < 0 ? data : data[..end]);
            }
        }
    }

    /// <summary>An RTM_NEWROUTE of a unicast route: one entry per next hop, in node_exporter's label values.</summary>
    public static void ReadRoute(ushort type, ReadOnlySpan<byte> payload, List<RawRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (type != NewRoute)
        {
            return;
        }

        if (payload.Length < RtMsgSize)
        {
            throw new FormatException($"an rtmsg of {payload.Length} bytes");
        }

        if (payload[7] != RtnUnicast)
        {
            return;
        }

        var dstLength = payload[1];
        var protocol = payload[5];
        scoped ReadOnlySpan<byte> dst = default;
        scoped ReadOnlySpan<byte> gateway = default;
        scoped ReadOnlySpan<byte> source = default;
        scoped ReadOnlySpan<byte> multipath = default;
        var outIndex = 0;
        uint priority = 0;
        var attributes = payload[RtMsgSize..];
        while (NextAttribute(ref attributes, out var attribute, out var data))
        {
            switch (attribute)
            {
                case RtaDst:
                    dst = data;
                    break;
                case RtaGateway:
                    gateway = data;
                    break;
                case RtaPrefSrc:
                    source = data;
                    break;
                case RtaOif:
                    outIndex = data.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data) : 0;
                    break;
                case RtaPriority:
                    priority = data.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(data) : 0;
                    break;
                case RtaMultipath:
                    multipath = data;
                    break;
                default:
                    break;
            }
        }

        var dest = GoAddress.Prefix(dst, dstLength);
        var src = GoAddress.Format(source);
        var priorityText = priority.ToString(CultureInfo.InvariantCulture);
        var proto = Protocol(protocol);
        if (multipath.Length < RtNextHopSize)
        {
            routes.Add(new RawRoute(outIndex, src, dest, GoAddress.Format(gateway), priorityText, proto, ""));
            return;
        }

        while (multipath.Length >= RtNextHopSize)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(multipath);
            if (length < RtNextHopSize || length > multipath.Length)
            {
                throw new FormatException($"a next hop of {length} bytes in {multipath.Length}");
            }

            var hops = multipath[3];
            var index = BinaryPrimitives.ReadInt32LittleEndian(multipath[4..]);
            var hopAttributes = multipath[RtNextHopSize..length];
            scoped ReadOnlySpan<byte> hopGateway = default;
            while (NextAttribute(ref hopAttributes, out var attribute, out var data))
            {
                if (attribute == RtaGateway)
                {
                    hopGateway = data;
                }
            }

            routes.Add(new RawRoute(index, src, dest, GoAddress.Format(hopGateway), priorityText, proto, (hops + 1).ToString(CultureInfo.InvariantCulture)));
            multipath = multipath[Math.Min(NetlinkMessages.Align(length), multipath.Length)..];
        }
    }

    /// <summary>The name node_exporter gives a route's protocol (rtm_protocol), "unknown" for others.</summary>
    public static string Protocol(byte protocol) => protocol switch
    {
        0 => "unspec",
        1 => "redirect",
        2 => "kernel",
        3 => "boot",
        4 => "static",
        8 => "gated",
        9 => "ra",
        10 => "mrt",
        11 => "zebra",
        12 => "bird",
        13 => "dnrouted",
        14 => "xorp",
        15 => "ntk",
        16 => "dhcp",
        17 => "mrouted",
        42 => "babel",
        186 => "bgp",
        187 => "isis",
        188 => "ospf",
        189 => "rip",
        192 => "eigrp",
        _ => "unknown",
    };

    /// <summary>The next rtattr (length, type, data) of a list aligned to 4 bytes; false at the end.</summary>
    /// <exception cref="FormatException">An attribute's length does not fit.</exception>
    private static bool NextAttribute(ref ReadOnlySpan<byte> attributes, out ushort type, out ReadOnlySpan<byte> data)
    {
        if (attributes.Length < 4)
        {
            type = 0;
            data = default;
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
        if (length < 4 || length > attributes.Length)
        {
            throw new FormatException($"a netlink attribute of {length} bytes in {attributes.Length}");
        }

        // The top two bits of the type are flags (nested, byte order).
        type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & 0x3FFF);
        data = attributes[4..length];
        attributes = attributes[Math.Min(NetlinkMessages.Align(length), attributes.Length)..];
        return true;
    }

    /// <summary>A route (or one next hop of it) with its out interface still an index.</summary>
    internal readonly record struct RawRoute(int Interface, string Src, string Dest, string Gateway, string Priority, string Proto, string Weight);
}
