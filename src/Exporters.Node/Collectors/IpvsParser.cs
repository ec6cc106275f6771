using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>The parsers of /proc/net/ip_vs_stats and /proc/net/ip_vs, with node_exporter's reading of them.</summary>
internal static class IpvsParser
{
    /// <summary>The totals of ip_vs_stats: connections, incoming and outgoing packets, incoming and outgoing bytes.</summary>
    /// <exception cref="FormatException">The file has fewer than three lines or its third line is not five hexadecimal numbers.</exception>
    public static (ulong Connections, ulong IncomingPackets, ulong OutgoingPackets, ulong IncomingBytes, ulong OutgoingBytes) Stats(ReadOnlySpan<byte> text)
    {
        // The totals are on the third line, and node_exporter wants a newline after it too.
        ReadOnlySpan<byte> line = default;
        for (var i = 0; i < 3; i++)
        {
            var end = text.IndexOf((byte)'\n');
            if (end < 0)
            {
                throw new FormatException("ip_vs_stats corrupt: too short");
            }

            line = text[..end];
            text = text[(end + 1)..];
        }

        Span<ulong> values = stackalloc ulong[5];
        var count = 0;
        while (Bytes.NextField(ref line, out var field))
        {
            if (count == 5)
            {
                throw new FormatException("ip_vs_stats corrupt: unexpected number of fields");
            }

            values[count++] = Hex(field, 64);
        }

        return count == 5
            ? (values[0], values[1], values[2], values[3], values[4])
            : throw new FormatException("ip_vs_stats corrupt: unexpected number of fields");
    }

    /// <summary>The real servers of ip_vs, each under the virtual service line before it.</summary>
    /// <exception cref="FormatException">An address, port or count is malformed.</exception>
    public static List<IpvsBackend> Backends(ReadOnlySpan<byte> text)
    {
        var backends = new List<IpvsBackend>();
        string proto = "", localMark = "", localAddress = "", localPort = "0";
        while (Bytes.NextLine(ref text, out var line))
        {
            var rest = line;
            if (!Bytes.NextField(ref rest, out var first))
            {
                continue;
            }

            var hasSecond = Bytes.NextField(ref rest, out var second);
            if (first.SequenceEqual("IP"u8) || first.SequenceEqual("Prot"u8))
            {
                continue;
            }

            if (!hasSecond)
            {
                // node_exporter does not survive this line; it is malformed here.
                throw new FormatException($"ip_vs line \"{Encoding.UTF8.GetString(line)}\" has one field");
            }

            if (second.SequenceEqual("RemoteAddress:Port"u8))
            {
                continue;
            }

            if (first.SequenceEqual("TCP"u8) || first.SequenceEqual("UDP"u8))
            {
                proto = Encoding.UTF8.GetString(first);
                localMark = "";
                (localAddress, localPort) = Endpoint(second);
            }
            else if (first.SequenceEqual("FWM"u8))
            {
                proto = "FWM";
                localMark = Encoding.UTF8.GetString(second);
                localAddress = "";
                localPort = "0";
            }
            else if (first.SequenceEqual("->"u8))
            {
                // -> address:port forward weight active inactive
                if (!Bytes.NextField(ref rest, out _)
                    || !Bytes.NextField(ref rest, out var weight)
                    || !Bytes.NextField(ref rest, out var active)
                    || !Bytes.NextField(ref rest, out var inactive))
                {
                    continue;
                }

                var (remoteAddress, remotePort) = Endpoint(second);
                backends.Add(new(localAddress, localPort, remoteAddress, remotePort, proto, localMark, Decimal(weight), Decimal(active), Decimal(inactive)));
            }
        }

        return backends;
    }

    /// <summary>
    /// An address and port as the kernel writes them (<c>C0A80016:0CEA</c>, or an IPv6 address in brackets),
    /// told apart by length as node_exporter does, and written as Go writes addresses.
    /// </summary>
    private static (string Address, string Port) Endpoint(ReadOnlySpan<byte> text)
    {
        string address;
        if (text.Length == 13)
        {
            var ip = (Hex(text[0..2], 8), Hex(text[2..4], 8), Hex(text[4..6], 8), Hex(text[6..8], 8));
            address = string.Create(CultureInfo.InvariantCulture, $"{ip.Item1}.{ip.Item2}.{ip.Item3}.{ip.Item4}");
        }
        else if (text.Length == 46)
        {
            var inner = Encoding.UTF8.GetString(text[1..40]);
            if (inner.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(inner, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new FormatException($"invalid IPv6 address: {inner}");
            }

            address = GoAddress(ip.GetAddressBytes());
        }
        else
        {
            throw new FormatException($"unexpected IP:Port: {Encoding.UTF8.GetString(text)}");
        }

        return (address, Hex(text[^4..], 16).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An IPv6 address as Go writes it: IPv4-mapped as dotted quad, else the longest run of two or more zero groups as ::.</summary>
    public static string GoAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes[..10].IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xff && bytes[11] == 0xff)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes[12]}.{bytes[13]}.{bytes[14]}.{bytes[15]}");
        }

        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (bytes[2 * i] != 0 || bytes[(2 * i) + 1] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && bytes[2 * i] == 0 && bytes[(2 * i) + 1] == 0)
            {
                i++;
            }

            if (i - start > bestLength)
            {
                (bestStart, bestLength) = (start, i - start);
            }
        }

        if (bestLength < 2)
        {
            bestStart = -1;
        }

        var text = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.Append("::");
                i += bestLength - 1;
                continue;
            }

            if (i > 0 && i != bestStart + bestLength)
            {
                text.Append(':');
            }

            text.Append(((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static ulong Hex(ReadOnlySpan<byte> field, int bits)
    {
        if (field.Length > 0 && field.IndexOfAnyExcept("0123456789abcdefABCDEF"u8) < 0
            && Utf8Parser.TryParse(field, out ulong value, out var consumed, 'x') && consumed == field.Length
            && (bits == 64 || value < 1UL << bits))
        {
            return value;
        }

        throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a hexadecimal number of {bits} bits");
    }

    private static ulong Decimal(ReadOnlySpan<byte> field) =>
        field.Length > 0 && field.IndexOfAnyExcept("0123456789"u8) < 0 ? Bytes.ParseUInt64(field) : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");
}
