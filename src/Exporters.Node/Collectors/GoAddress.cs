using System.Globalization;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>Addresses and prefixes spelled as Go's net.IP and net.IPNet spell them, which node_exporter's labels carry.</summary>
internal static class GoAddress
{
    /// <summary>
    /// An address of 4 or 16 bytes: dotted IPv4 (an IPv4-mapped IPv6 address too), IPv6 with the longest
    /// run of two or more zero groups (the first of equal runs) as <c>::</c>; empty for none; other lengths
    /// as <c>?</c> and hexadecimal.
    /// </summary>
    public static string Format(ReadOnlySpan<byte> ip)
    {
        if (ip.IsEmpty)
        {
            return "";
        }

        if (ip.Length == 4)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ip[0]}.{ip[1]}.{ip[2]}.{ip[3]}");
        }

        if (ip.Length != 16)
        {
            return "?" + Convert.ToHexStringLower(ip);
        }

        if (IsMapped(ip))
        {
            return Format(ip[12..]);
        }

        var bestStart = -1;
        var bestLength = 0;
        for (var i = 0; i < 8;)
        {
            var j = i;
            while (j < 8 && ip[2 * j] == 0 && ip[(2 * j) + 1] == 0)
            {
                j++;
            }

            if (j - i >= 2 && j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }

            i = j == i ? i + 1 : j;
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

            text.Append(((ip[2 * i] << 8) | ip[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>A route's destination: <c>default</c> for a zero-length prefix, else address/length as net.IPNet prints it (<c>&lt;nil&gt;</c> where Go has no network).</summary>
    public static string Prefix(ReadOnlySpan<byte> ip, int length)
    {
        if (length == 0)
        {
            return "default";
        }

        // net.IPNet takes the address as IPv4 when it can be, with a 32-bit mask that a longer prefix cannot make.
        var v4 = ip.Length == 4 ? ip : ip.Length == 16 && IsMapped(ip) ? ip[12..] : default;
        if (v4.IsEmpty && ip.Length != 16)
        {
            return "<nil>";
        }

        var bits = v4.IsEmpty ? 128 : 32;
        return length > bits ? "<nil>" : Format(v4.IsEmpty ? ip : v4) + "/" + length.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsMapped(ReadOnlySpan<byte> ip) =>
        ip[..10].IndexOfAnyExcept((byte)0) < 0 && ip[10] == 0xFF && ip[11] == 0xFF;
}
