using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// The values of a /proc/sys file as node_exporter reads them: at most its first 128 bytes, split at white
/// space; numbers in Go's notation for integer literals (<c>0x1f</c>, <c>017</c>, <c>0b11</c>, <c>1_000</c>).
/// </summary>
internal static class SysctlValues
{
    /// <summary>How much of the file one read takes.</summary>
    public const int MaxBytes = 128;

    /// <summary>The fields of the file's first <see cref="MaxBytes"/> bytes.</summary>
    public static List<string> Fields(ReadOnlySpan<byte> file)
    {
        var text = file.Length > MaxBytes ? file[..MaxBytes] : file;
        var fields = new List<string>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            System.Buffers.OperationStatus status = Rune.DecodeFromUtf8(text[i..], out var rune, out var consumed);
            var space = status == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune);
            if (space && start >= 0)
            {
                fields.Add(Encoding.UTF8.GetString(text[start..i]));
                start = -1;
            }
            else if (!space && start < 0)
            {
                start = i;
            }

            i += consumed;
        }

        if (start >= 0)
        {
            fields.Add(Encoding.UTF8.GetString(text[start..]));
        }

        return fields;
    }

    /// <summary>A whole number as Go's <c>strconv.ParseInt(s, 0, 64)</c> takes it.</summary>
    /// <exception cref="FormatException">Not such a number, or out of the range of a 64-bit integer.</exception>
    public static long ParseInteger(string text) =>
        TryParseInteger(text, out var value) ? value : throw new FormatException($"\"{text}\" is not a valid int");

    /// <summary>A whole number as Go's <c>strconv.ParseInt(s, 0, 64)</c> takes it, or false.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (!TryParseUnsigned(s, out var unsigned))
        {
            return false;
        }

        if (negative ? unsigned > 1UL << 63 : unsigned >= 1UL << 63)
        {
            return false;
        }

        value = negative ? (long)(0 - unsigned) : (long)unsigned;
        return true;
    }

    private static bool TryParseUnsigned(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        var digits = s;
        var radix = 10u;
        if (s[0] == '0')
        {
            var prefix = s.Length >= 3 ? char.ToLowerInvariant(s[1]) : '\0';
            radix = prefix switch
            {
                'b' => 2u,
                'o' => 8u,
                'x' => 16u,
                _ => 8u,
            };
            digits = prefix is 'b' or 'o' or 'x' ? s[2..] : s[1..];
        }

        var underscores = false;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            uint digit = c is >= '0' and <= '9' ? (uint)(c - '0') : lower is >= 'a' and <= 'z' ? (uint)(lower - 'a' + 10) : uint.MaxValue;
            if (digit >= radix)
            {
                return false;
            }

            var next = (UInt128)value * radix + digit;
            if (next > ulong.MaxValue)
            {
                return false;
            }

            value = (ulong)next;
        }

        return !underscores || UnderscoresSeparateDigits(s);
    }

    /// <summary>Each underscore stands between two digits (a base prefix counting as a digit).</summary>
    private static bool UnderscoresSeparateDigits(ReadOnlySpan<char> s)
    {
        var saw = '^';
        var i = 0;
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }
}
