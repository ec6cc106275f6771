using System.Globalization;
using System.Text;

namespace Exporters.Node;

/// <summary>
/// Numbers as Go's strconv.ParseFloat reads them, which node_exporter uses for many /proc values: an optional
/// sign, decimal digits with an optional point and exponent, or inf/infinity/nan in any case. Hexadecimal
/// mantissas, underscores, and values beyond the range of a double are refused.
/// </summary>
internal static class GoFloat
{
    /// <exception cref="FormatException">The text is not such a number.</exception>
    public static double Parse(ReadOnlySpan<byte> text)
    {
        var rest = text;
        var negative = false;
        if (rest.Length > 0 && rest[0] is (byte)'+' or (byte)'-')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (Ascii.EqualsIgnoreCase(rest, "inf"u8) || Ascii.EqualsIgnoreCase(rest, "infinity"u8))
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (Ascii.EqualsIgnoreCase(text, "nan"u8))
        {
            return double.NaN;
        }

        var i = 0;
        var digits = 0;
        while (i < rest.Length && char.IsAsciiDigit((char)rest[i]))
        {
            i++;
            digits++;
        }

        if (i < rest.Length && rest[i] == '.')
        {
            i++;
            while (i < rest.Length && char.IsAsciiDigit((char)rest[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits > 0 && i < rest.Length && rest[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < rest.Length && rest[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var exponent = 0;
            while (i < rest.Length && char.IsAsciiDigit((char)rest[i]))
            {
                i++;
                exponent++;
            }

            digits = exponent == 0 ? 0 : digits;
        }

        if (digits == 0 || i != rest.Length
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            throw new FormatException($"\"{Encoding.UTF8.GetString(text)}\" is not a number");
        }

        return value;
    }
}
