namespace Exporters.Node.Collectors;

/// <summary>
/// Whole numbers of sysfs class attributes as node_exporter reads them: the number's prefix gives the base
/// (0x hexadecimal, 0o or a leading 0 octal, 0b binary, else decimal), and underscores may separate digits.
/// </summary>
internal static class SysfsNumber
{
    /// <summary>The value, or false when the text is not such a number or is out of range.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        var digits = text;
        var radix = 10u;
        var prefixed = false;
        if (text.Length > 1 && text[0] == '0')
        {
            switch (char.ToLowerInvariant(text[1]))
            {
                case 'x':
                    radix = 16;
                    digits = text[2..];
                    prefixed = true;
                    break;
                case 'o':
                    radix = 8;
                    digits = text[2..];
                    prefixed = true;
                    break;
                case 'b':
                    radix = 2;
                    digits = text[2..];
                    prefixed = true;
                    break;
                default:
                    radix = 8;
                    digits = text[1..];
                    prefixed = true;
                    break;
            }
        }

        if (digits.IsEmpty)
        {
            return false;
        }

        // An underscore only between digits, or right after a base prefix.
        var separable = prefixed;
        var any = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c == '_')
            {
                if (!separable || i == digits.Length - 1)
                {
                    return false;
                }

                separable = false;
                continue;
            }

            var digit = c switch
            {
                >= '0' and <= '9' => (uint)(c - '0'),
                >= 'a' and <= 'z' => (uint)(c - 'a' + 10),
                >= 'A' and <= 'Z' => (uint)(c - 'A' + 10),
                _ => uint.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            if (value > (ulong.MaxValue - digit) / radix)
            {
                return false;
            }

            value = value * radix + digit;
            separable = true;
            any = true;
        }

        return any;
    }
}
