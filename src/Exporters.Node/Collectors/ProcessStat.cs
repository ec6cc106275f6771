using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/&lt;pid&gt;/stat as node_exporter 1.5 reads it: the state and thread count, after checking the 40 fields
/// from the state to delayacct_blkio_ticks as Go's fmt.Fscan scans them into typed fields (signed or not,
/// with 0x/0o/0b/0 prefixes and underscores; a number stops at the first character its base does not allow).
/// </summary>
internal static class ProcessStat
{
    // Fields 4 (ppid) to 42 (delayacct_blkio_ticks): whether each is scanned as a signed number.
    private static readonly bool[] Signed = BuildSigned();

    /// <summary>The process's state (e.g. "S") and its number of threads.</summary>
    /// <exception cref="FormatException">The comm is not in parentheses or a field is missing or not a number.</exception>
    public static (string State, long Threads) Parse(ReadOnlySpan<byte> stat)
    {
        var open = stat.IndexOf((byte)'(');
        var close = stat.LastIndexOf((byte)')');
        if (open < 0 || close < 0 || close + 2 > stat.Length)
        {
            throw new FormatException("unexpected format, couldn't extract comm");
        }

        var rest = stat[(close + 2)..];
        SkipSpace(ref rest);
        var end = 0;
        while (end < rest.Length && !IsSpace(rest[end]))
        {
            end++;
        }

        if (end == 0)
        {
            throw new FormatException("EOF");
        }

        var state = Encoding.UTF8.GetString(rest[..end]);
        rest = rest[end..];
        long threads = 0;
        for (var field = 4; field <= 42; field++)
        {
            var value = ScanInteger(ref rest, Signed[field - 4]);
            if (field == 20)
            {
                threads = value;
            }
        }

        return (state, threads);
    }

    /// <summary>One integer operand as fmt.Fscan reads it with the %v verb.</summary>
    private static long ScanInteger(ref ReadOnlySpan<byte> text, bool signed)
    {
        SkipSpace(ref text);
        if (text.IsEmpty)
        {
            throw new FormatException("unexpected EOF");
        }

        var length = 0;
        if (signed && text[0] is (byte)'+' or (byte)'-')
        {
            length++;
        }

        var radix = 10;
        var haveDigits = false;
        if (length < text.Length && text[length] == '0')
        {
            length++;
            haveDigits = true;
            radix = 8;
            if (length < text.Length && (text[length] | 0x20) is (byte)'b' or (byte)'o' or (byte)'x')
            {
                radix = (text[length] | 0x20) switch { 'b' => 2, 'o' => 8, _ => 16 };
                length++;
            }
        }

        var digitsStart = length;
        while (length < text.Length && (text[length] == '_' || DigitValue(text[length]) < radix))
        {
            length++;
        }

        if (!haveDigits && length == digitsStart)
        {
            throw new FormatException("expected integer");
        }

        var token = text[..length];
        text = text[length..];
        return ParseToken(token, signed);
    }

    /// <summary>A token as strconv.ParseInt/ParseUint read it with base 0.</summary>
    private static long ParseToken(ReadOnlySpan<byte> token, bool signed)
    {
        var negative = false;
        var digits = token;
        if (digits.Length > 0 && digits[0] is (byte)'+' or (byte)'-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }

        var radix = 10;
        var any = false;
        var last = '^';
        if (digits.Length >= 2 && digits[0] == '0')
        {
            // The prefix counts as a digit for underscores; a lone 0 (octal) as a digit for the value too.
            last = '0';
            radix = (digits[1] | 0x20) switch { 'b' => 2, 'o' => 8, 'x' => 16, _ => 8 };
            any = radix == 8 && (digits[1] | 0x20) != 'o';
            digits = any ? digits[1..] : digits[2..];
        }

        // Underscores only between digits, or between a prefix and a digit.
        ulong value = 0;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                if (last != '0')
                {
                    throw new FormatException("invalid syntax");
                }

                last = '_';
                continue;
            }

            var digit = DigitValue(c);
            if (digit >= radix)
            {
                throw new FormatException("invalid syntax");
            }

            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                throw new FormatException("value out of range");
            }

            value = (value * (ulong)radix) + (ulong)digit;
            last = '0';
            any = true;
        }

        if (last == '_' || !any)
        {
            throw new FormatException("invalid syntax");
        }

        if (!signed)
        {
            return unchecked((long)value);
        }

        return negative
            ? value <= 1UL << 63 ? unchecked(-(long)value) : throw new FormatException("value out of range")
            : value < 1UL << 63 ? (long)value : throw new FormatException("value out of range");
    }

    private static int DigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'Z' => c - 'A' + 10,
        _ => int.MaxValue,
    };

    private static void SkipSpace(ref ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }

        text = text[start..];
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static bool[] BuildSigned()
    {
        var signed = new bool[42 - 4 + 1];
        foreach (var field in (ReadOnlySpan<int>)[4, 5, 6, 7, 8, 16, 17, 18, 19, 20, 21, 24, 38, 39])
        {
            signed[field - 4] = true;
        }

        return signed;
    }
}
