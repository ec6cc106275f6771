using System.Text;
using System.Text.Unicode;
using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Parsing;

/// <summary>Turns a value as a log line holds it into the bytes it stands for.</summary>
internal static class ValueDecoder
{
    /// <summary>
    /// Unescapes <paramref name="raw"/> into <paramref name="destination"/>, which never needs to be longer than
    /// <paramref name="raw"/>. nginx escaping: <c>\xHH</c> becomes the byte, any other backslash stays. JSON:
    /// <c>\" \\ \/ \b \f \n \r \t \uXXXX</c>, surrogate pairs included.
    /// </summary>
    /// <returns>False if an escape is malformed or the result is not valid UTF-8.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> raw, ValueEscaping escaping, Span<byte> destination, out int written)
    {
        var backslash = raw.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            raw.CopyTo(destination);
            written = raw.Length;
            return Utf8.IsValid(raw);
        }

        var ok = escaping == ValueEscaping.Json
            ? DecodeJson(raw, backslash, destination, out written)
            : DecodeNginx(raw, backslash, destination, out written);
        return ok && Utf8.IsValid(destination[..written]);
    }

    private static bool DecodeNginx(ReadOnlySpan<byte> raw, int backslash, Span<byte> destination, out int written)
    {
        raw[..backslash].CopyTo(destination);
        var w = backslash;
        var i = backslash;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == (byte)'\\' && i + 3 < raw.Length && raw[i + 1] == (byte)'x'
                && TryHex(raw[i + 2], out var high) && TryHex(raw[i + 3], out var low))
            {
                destination[w++] = (byte)((high << 4) | low);
                i += 4;
            }
            else
            {
                destination[w++] = b;
                i++;
            }
        }

        written = w;
        return true;
    }

    private static bool DecodeJson(ReadOnlySpan<byte> raw, int backslash, Span<byte> destination, out int written)
    {
        raw[..backslash].CopyTo(destination);
        var w = backslash;
        var i = backslash;
        written = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b != (byte)'\\')
            {
                destination[w++] = b;
                i++;
                continue;
            }

            if (i + 1 >= raw.Length)
            {
                return false;
            }

            var escape = raw[i + 1];
            i += 2;
            switch (escape)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                    destination[w++] = escape;
                    break;
                case (byte)'b':
                    destination[w++] = (byte)'\b';
                    break;
                case (byte)'f':
                    destination[w++] = (byte)'\f';
                    break;
                case (byte)'n':
                    destination[w++] = (byte)'\n';
                    break;
                case (byte)'r':
                    destination[w++] = (byte)'\r';
                    break;
                case (byte)'t':
                    destination[w++] = (byte)'\t';
                    break;
                case (byte)'u':
                    if (!TryCodeUnit(raw, i, out var unit))
                    {
                        return false;
                    }

                    i += 4;
                    int scalar = unit;
                    if (char.IsHighSurrogate((char)unit))
                    {
                        if (i + 1 >= raw.Length || raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u'
                            || !TryCodeUnit(raw, i + 2, out var lowUnit) || !char.IsLowSurrogate((char)lowUnit))
                        {
                            return false;
                        }

                        i += 6;
                        scalar = char.ConvertToUtf32((char)unit, (char)lowUnit);
                    }
                    else if (char.IsLowSurrogate((char)unit))
                    {
                        return false;
                    }

                    w += new Rune(scalar).EncodeToUtf8(destination[w..]);
                    break;
                default:
                    return false;
            }
        }

        written = w;
        return true;
    }

    private static bool TryCodeUnit(ReadOnlySpan<byte> raw, int at, out int unit)
    {
        unit = 0;
        if (at + 4 > raw.Length)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!TryHex(raw[at + k], out var digit))
            {
                return false;
            }

            unit = (unit << 4) | digit;
        }

        return true;
    }

    private static bool TryHex(byte b, out int value)
    {
        value = HexValue(b);
        return value >= 0;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
