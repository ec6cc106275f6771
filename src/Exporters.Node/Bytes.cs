using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Exporters.Node;

/// <summary>Small helpers for parsing /proc text as bytes.</summary>
internal static class Bytes
{
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Takes the next line (without its newline) off <paramref name="text"/>; false at the end.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = text.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = text;
            text = default;
        }
        else
        {
            line = text[..end];
            text = text[(end + 1)..];
        }

        return true;
    }

    /// <summary>Takes the next field separated by blanks (spaces, tabs, newlines) off <paramref name="text"/>; false when none is left.</summary>
    public static bool NextField(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> field) => NextField(ref text, out field, Blanks);

    /// <summary>Takes the next field separated by any of <paramref name="blanks"/> off <paramref name="text"/>; false when none is left.</summary>
    public static bool NextField(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> field, SearchValues<byte> blanks)
    {
        var start = text.IndexOfAnyExcept(blanks);
        if (start < 0)
        {
            field = default;
            text = default;
            return false;
        }

        text = text[start..];
        var end = text.IndexOfAny(blanks);
        if (end < 0)
        {
            field = text;
            text = default;
        }
        else
        {
            field = text[..end];
            text = text[end..];
        }

        return true;
    }

    public static ulong ParseUInt64(ReadOnlySpan<byte> field) =>
        Utf8Parser.TryParse(field, out ulong value, out var consumed) && consumed == field.Length
            ? value
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");

    /// <summary>The whitespace-separated field at <paramref name="index"/> (from 0), or false when the line is shorter.</summary>
    public static bool Column(ReadOnlySpan<byte> line, int index, out ReadOnlySpan<byte> field)
    {
        var rest = line;
        for (var i = 0; ; i++)
        {
            var start = rest.IndexOfAnyExcept(Blanks);
            if (start < 0)
            {
                field = default;
                return false;
            }

            rest = rest[start..];
            var end = rest.IndexOfAny(Blanks);
            if (end < 0)
            {
                end = rest.Length;
            }

            if (i == index)
            {
                field = rest[..end];
                return true;
            }

            rest = rest[end..];
        }
    }

    public static ulong ParseHex(ReadOnlySpan<byte> field) =>
        Utf8Parser.TryParse(field, out ulong value, out var consumed, 'x') && consumed == field.Length
            ? value
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a hexadecimal number");

    public static long ParseInt64(ReadOnlySpan<byte> field) =>
        Utf8Parser.TryParse(field, out long value, out var consumed) && consumed == field.Length
            ? value
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");

    public static double ParseDouble(ReadOnlySpan<byte> field) =>
        Utf8Parser.TryParse(field, out double value, out var consumed) && consumed == field.Length
            ? value
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a number");

    /// <summary>The next field as a whole number; a missing field is malformed input.</summary>
    public static ulong NextUInt64(ref ReadOnlySpan<byte> text) =>
        NextField(ref text, out var field) ? ParseUInt64(field) : throw new FormatException("a field is missing");

    public static double NextDouble(ref ReadOnlySpan<byte> text) =>
        NextField(ref text, out var field) ? ParseDouble(field) : throw new FormatException("a field is missing");
}
