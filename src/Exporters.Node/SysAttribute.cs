using System.Text;
using Exporters.Core.Metrics;

namespace Exporters.Node;

/// <summary>
/// One sysfs attribute read as node_exporter reads it: at most 4 KiB, blanks around the value trimmed; and
/// integers in Go's notation (a base prefix such as 0x allowed where node_exporter lets Go guess the base).
/// </summary>
internal static class SysAttribute
{
    public const int MaxSize = 4096;
    public const int ErrorPermission = 1;
    public const int ErrorNoEntry = 2;
    public const int ErrorAccess = 13;
    public const int ErrorNoDevice = 19;
    public const int ErrorInvalid = 22;
    public const int ErrorNotSupported = 95;

    /// <summary>The attribute's bytes with blanks around them trimmed into <paramref name="buffer"/>, or false with the error number.</summary>
    public static bool TryRead(string path, Span<byte> buffer, out ReadOnlySpan<byte> value, out int errno)
    {
        if (!ProcFile.TryRead(path, buffer, out var length, out errno))
        {
            value = default;
            return false;
        }

        value = Trim(buffer[..length]);
        return true;
    }

    /// <summary>The attribute as text, blanks around it trimmed.</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static string ReadText(string path)
    {
        Span<byte> buffer = stackalloc byte[MaxSize];
        return TryRead(path, buffer, out var value, out var errno) ? Text(value) : throw ProcFile.Error(path, errno);
    }

    /// <summary>The attribute as a decimal whole number (what Go's ParseUint with base 10 takes).</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="FormatException">It is not such a number.</exception>
    public static ulong ReadDecimal(string path)
    {
        Span<byte> buffer = stackalloc byte[MaxSize];
        if (!TryRead(path, buffer, out var value, out var errno))
        {
            throw ProcFile.Error(path, errno);
        }

        return TryParseDecimal(value, out var number) ? number : throw new FormatException($"{path}: \"{Text(value)}\" is not a whole number");
    }

    /// <summary>Text of a label value: invalid UTF-8 becomes U+FFFD.</summary>
    public static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \t\n\v\f\r"u8);

    /// <summary>Digits 0-9 only, up to 2^64-1.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9 || value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }

    /// <summary>An unsigned number as Go's ParseUint with base 0 takes it: 0x, 0o, 0b or a leading 0 set the base, underscores may separate digits.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        var numberBase = 10u;
        var prefixed = false;
        if (text.Length >= 2 && text[0] == '0')
        {
            switch (text[1] | 0x20)
            {
                case 'x':
                    numberBase = 16;
                    text = text[2..];
                    prefixed = true;
                    break;
                case 'o':
                    numberBase = 8;
                    text = text[2..];
                    prefixed = true;
                    break;
                case 'b':
                    numberBase = 2;
                    text = text[2..];
                    prefixed = true;
                    break;
                default:
                    numberBase = 8;
                    text = text[1..];
                    prefixed = true;
                    break;
            }
        }

        // An underscore only between digits, or between the prefix and a digit (Go allows them with base 0).
        var previous = prefixed ? (byte)'0' : (byte)'_';
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '_')
            {
                if (previous == '_')
                {
                    return false;
                }

                previous = c;
                continue;
            }

            uint digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => (uint)(c - '0'),
                >= (byte)'a' and <= (byte)'z' => (uint)(c - 'a' + 10),
                >= (byte)'A' and <= (byte)'Z' => (uint)(c - 'A' + 10),
                _ => 99,
            };
            if (digit >= numberBase || value > (ulong.MaxValue - digit) / numberBase)
            {
                return false;
            }

            value = value * numberBase + digit;
            previous = c;
            digits++;
        }

        return previous != '_' && (digits > 0 || (prefixed && numberBase == 8));
    }

    /// <summary>A signed number as Go's ParseInt with base 0 takes it.</summary>
    public static bool TryParseSigned(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var negative = false;
        if (!text.IsEmpty && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (!TryParseUnsigned(text, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 1UL << 63)
            {
                return false;
            }

            value = unchecked((long)(0 - magnitude));
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }
}
