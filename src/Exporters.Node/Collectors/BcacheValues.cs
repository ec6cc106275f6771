using System.Globalization;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// The number formats of bcache's sysfs files as node_exporter reads them: plain numbers, and the
/// "human" ones of bch_hprint (a number with a k, M, G... suffix, whose digit after the point counts
/// tenths of 1024, e.g. 6.5k = 6 × 1024 + 5 / 10.24 × 1024).
/// </summary>
internal static class BcacheValues
{
    private const string Multipliers = "kMGTPEZY";

    /// <summary>A value of a one-value file: its last byte (the newline) is dropped, then the rest read as <see cref="Dehumanize"/>.</summary>
    /// <exception cref="FormatException">The file is empty or the value is not a number.</exception>
    public static ulong ParseFile(ReadOnlySpan<byte> file) =>
        file.IsEmpty ? throw new FormatException("an empty file") : Dehumanize(Encoding.UTF8.GetString(file[..^1]));

    /// <summary>A plain or bch_hprint number, truncated to a whole number; an unknown suffix gives 0.</summary>
    /// <exception cref="FormatException">The value is empty or not a number.</exception>
    public static ulong Dehumanize(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("zero-length reply");
        }

        var last = text[^1];
        double value;
        if (last > '9')
        {
            var index = Multipliers.IndexOf(last, StringComparison.Ordinal);
            var multiplier = index < 0 ? 0 : Math.Pow(1024, index + 1);
            value = PseudoFloat(text[..^1]) * multiplier;
        }
        else
        {
            value = Float(text);
        }

        return ToUInt64(value);
    }

    /// <summary>A signed bch_hprint number (a leading minus and then <see cref="Dehumanize"/>).</summary>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public static long DehumanizeSigned(string text)
    {
        var negative = text.StartsWith('-');
        var value = (long)Dehumanize(negative ? text[1..] : text);
        return negative ? -value : value;
    }

    private static double PseudoFloat(string text)
    {
        var parts = text.Split('.');
        var whole = Float(parts[0]);
        return parts.Length == 1 ? whole : whole + Float(parts[1]) / 10.24;
    }

    private static double Float(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsInfinity(value))
        {
            throw new FormatException($"\"{text}\" is not a number");
        }

        return value;
    }

    // Truncated, as node_exporter converts; a negative value wraps around as it does on x86-64.
    private static ulong ToUInt64(double value) => value < 0 ? unchecked((ulong)(long)value) : (ulong)value;
}
