using System.Buffers;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/[pid]/mountstats: a "device X mounted on Y with fstype T [statvers=V]" line per mount; an NFS mount
/// with statvers is followed by its statistics (age, bytes, events, xprt) and its per-op lines up to a blank line.
/// </summary>
internal static class MountStatsParser
{
    private const ulong MaxDuration = 1UL << 63;

    // The blanks Go's strings.Fields splits on within ASCII.
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\n\v\f\r"u8);

    /// <summary>The NFS mounts with statistics, in file order; <paramref name="mounts"/> is how many device lines there are in all.</summary>
    /// <exception cref="FormatException">A device line or an NFS mount's statistics are malformed.</exception>
    public static List<NfsMountStats> Parse(ReadOnlySpan<byte> mountstats, out int mounts)
    {
        var nfs = new List<NfsMountStats>();
        mounts = 0;
        var text = mountstats;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!NextField(ref line, out var first) || !first.SequenceEqual("device"u8))
            {
                continue;
            }

            scoped ReadOnlySpan<byte> device = default, type = default, version = default;
            var count = 1;
            for (; count < 9 && NextField(ref line, out var field); count++)
            {
                var expected = count switch
                {
                    2 => "mounted"u8,
                    3 => "on"u8,
                    5 => "with"u8,
                    6 => "fstype"u8,
                    _ => default,
                };
                if (count is 2 or 3 or 5 or 6 && !field.SequenceEqual(expected))
                {
                    throw new FormatException("a mountstats device line is malformed");
                }

                switch (count)
                {
                    case 1:
                        device = field;
                        break;
                    case 7:
                        type = field;
                        break;
                    case 8:
                        version = field;
                        break;
                }
            }

            if (count < 8)
            {
                throw new FormatException("a mountstats device line is too short");
            }

            var index = mounts++;
            if (count == 8)
            {
                continue;
            }

            if (!type.SequenceEqual("nfs"u8) && !type.SequenceEqual("nfs4"u8))
            {
                throw new FormatException($"cannot parse mount statistics of fstype \"{Encoding.UTF8.GetString(type)}\"");
            }

            if (version.StartsWith("statvers="u8))
            {
                version = version["statvers="u8.Length..];
            }

            var stats = new NfsMountStats(index, Encoding.UTF8.GetString(device));
            ParseStatistics(ref text, version, stats);
            ParseOperations(ref text, stats);
            nfs.Add(stats);
        }

        return nfs;
    }

    /// <summary>The "addr" superblock option of each mountinfo line, in file order (empty when a line has none).</summary>
    /// <exception cref="FormatException">A line has too few fields, no "-" where it belongs, or ids that are not numbers.</exception>
    public static List<string> MountAddresses(ReadOnlySpan<byte> mountinfo)
    {
        var addresses = new List<string>();
        var text = mountinfo;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            // Fields are split on single spaces: id parent major:minor root point options [optional...] - type source superoptions.
            var fields = line.Count((byte)' ') + 1;
            if (fields < 10)
            {
                throw new FormatException("a mountinfo line has too few fields");
            }

            var rest = line;
            var id = TakeSpaceField(ref rest);
            var parent = TakeSpaceField(ref rest);
            if (!IsGoInt(id) || !IsGoInt(parent))
            {
                throw new FormatException("a mountinfo line's ids are not numbers");
            }

            var last = line.LastIndexOf((byte)' ');
            var superOptions = line[(last + 1)..];
            var beforeLast = line[..last];
            beforeLast = beforeLast[..beforeLast.LastIndexOf((byte)' ')];
            beforeLast = beforeLast[..beforeLast.LastIndexOf((byte)' ')];
            var separator = beforeLast[(beforeLast.LastIndexOf((byte)' ') + 1)..];
            if (!separator.SequenceEqual("-"u8))
            {
                throw new FormatException("a mountinfo line has no \"-\" before its filesystem type");
            }

            addresses.Add(Address(superOptions));
        }

        return addresses;
    }

    private static void ParseStatistics(ref ReadOnlySpan<byte> text, scoped ReadOnlySpan<byte> version, NfsMountStats stats)
    {
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!NextField(ref line, out var key))
            {
                return;
            }

            if (key.SequenceEqual("opts:"u8))
            {
                _ = Required(ref line);
            }
            else if (key.SequenceEqual("age:"u8))
            {
                stats.AgeSeconds = ParseSeconds(Required(ref line));
            }
            else if (key.SequenceEqual("bytes:"u8))
            {
                ParseExactly(ref line, stats.Bytes);
            }
            else if (key.SequenceEqual("events:"u8))
            {
                ParseExactly(ref line, stats.Events);
            }
            else if (key.SequenceEqual("xprt:"u8))
            {
                ParseTransport(ref line, version, stats);
            }
            else if (key.SequenceEqual("per-op"u8))
            {
                return;
            }
        }
    }

    private static void ParseOperations(ref ReadOnlySpan<byte> text, NfsMountStats stats)
    {
        Span<ulong> numbers = stackalloc ulong[8];
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!NextField(ref line, out var name))
            {
                return;
            }

            numbers.Clear();
            var count = 0;
            var rest = line;
            while (NextField(ref rest, out var field))
            {
                var value = ParseUInt64(field);
                if (count < numbers.Length)
                {
                    numbers[count] = value;
                }

                count++;
            }

            if (count < 8)
            {
                throw new FormatException("an NFS per-op line has too few fields");
            }

            if (name.EndsWith(":"u8))
            {
                name = name[..^1];
            }

            stats.Operations.Add(new NfsOperationStats(Encoding.UTF8.GetString(name), numbers.ToArray()));
        }
    }

    private static void ParseTransport(ref ReadOnlySpan<byte> line, scoped ReadOnlySpan<byte> version, NfsMountStats stats)
    {
        var protocol = Required(ref line);
        var rest = line;
        if (!NextField(ref rest, out _))
        {
            throw new FormatException("an NFS xprt line has too few fields");
        }

        var tcp = protocol.SequenceEqual("tcp"u8);
        if (!tcp && !protocol.SequenceEqual("udp"u8))
        {
            throw new FormatException($"unknown NFS transport \"{Encoding.UTF8.GetString(protocol)}\"");
        }

        int expected;
        if (version.SequenceEqual("1.0"u8))
        {
            expected = tcp ? 10 : 7;
        }
        else if (version.SequenceEqual("1.1"u8))
        {
            expected = tcp ? 13 : 10;
        }
        else
        {
            throw new FormatException($"unknown NFS statistics version \"{Encoding.UTF8.GetString(version)}\"");
        }

        Span<ulong> numbers = stackalloc ulong[13];
        var count = 0;
        while (NextField(ref line, out var field))
        {
            if (count == expected)
            {
                throw new FormatException("an NFS xprt line has too many fields");
            }

            numbers[count++] = ParseUInt64(field);
        }

        if (count != expected)
        {
            throw new FormatException("an NFS xprt line has too few fields");
        }

        var transport = stats.Transport;
        transport.AsSpan().Clear();
        if (tcp)
        {
            numbers.CopyTo(transport);
        }
        else
        {
            // udp has no connect count, connect time or idle time.
            numbers[..2].CopyTo(transport);
            numbers[2..10].CopyTo(transport.AsSpan(5));
        }

        stats.Protocol = tcp ? "tcp" : "udp";
    }

    private static void ParseExactly(ref ReadOnlySpan<byte> line, ulong[] into)
    {
        var count = 0;
        while (NextField(ref line, out var field))
        {
            if (count == into.Length)
            {
                throw new FormatException("an NFS statistics line has too many fields");
            }

            into[count++] = ParseUInt64(field);
        }

        if (count != into.Length)
        {
            throw new FormatException("an NFS statistics line has too few fields");
        }
    }

    private static ReadOnlySpan<byte> Required(ref ReadOnlySpan<byte> line) =>
        NextField(ref line, out var field) ? field : throw new FormatException("an NFS statistics line has too few fields");

    /// <summary>A whole number as Go's strconv.ParseUint reads it in base 10: digits only.</summary>
    public static ulong ParseUInt64(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            throw new FormatException("an empty field is not a number");
        }

        ulong value = 0;
        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");
            }

            if (value > (ulong.MaxValue - digit) / 10)
            {
                throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is out of range");
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    /// <summary>
    /// The age field as Go's time.ParseDuration reads it with an "s" after it (so "90" is 90 s and "1m30" too),
    /// in seconds as Duration.Seconds gives them.
    /// </summary>
    public static double ParseSeconds(ReadOnlySpan<byte> field)
    {
        Span<byte> text = field.Length < 256 ? stackalloc byte[field.Length + 1] : new byte[field.Length + 1];
        field.CopyTo(text);
        text[^1] = (byte)'s';
        ReadOnlySpan<byte> s = text;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            throw InvalidDuration(field);
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (s[0] != '.' && (uint)(s[0] - '0') > 9)
            {
                throw InvalidDuration(field);
            }

            var length = s.Length;
            ulong whole = 0;
            while (!s.IsEmpty && (uint)(s[0] - '0') <= 9)
            {
                if (whole > MaxDuration / 10)
                {
                    throw InvalidDuration(field);
                }

                whole = (whole * 10) + (ulong)(s[0] - '0');
                if (whole > MaxDuration)
                {
                    throw InvalidDuration(field);
                }

                s = s[1..];
            }

            var before = length != s.Length;
            ulong fraction = 0;
            var scale = 1.0;
            var after = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var fractionLength = s.Length;
                var overflow = false;
                while (!s.IsEmpty && (uint)(s[0] - '0') <= 9)
                {
                    if (!overflow)
                    {
                        if (fraction > (MaxDuration - 1) / 10)
                        {
                            overflow = true;
                        }
                        else
                        {
                            var next = (fraction * 10) + (ulong)(s[0] - '0');
                            if (next > MaxDuration)
                            {
                                overflow = true;
                            }
                            else
                            {
                                fraction = next;
                                scale *= 10;
                            }
                        }
                    }

                    s = s[1..];
                }

                after = fractionLength != s.Length;
            }

            if (!before && !after)
            {
                throw InvalidDuration(field);
            }

            var end = 0;
            while (end < s.Length && s[end] != '.' && (uint)(s[end] - '0') > 9)
            {
                end++;
            }

            if (end == 0)
            {
                throw InvalidDuration(field);
            }

            var unit = Unit(s[..end]);
            s = s[end..];
            if (unit == 0 || whole > MaxDuration / unit)
            {
                throw InvalidDuration(field);
            }

            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MaxDuration)
                {
                    throw InvalidDuration(field);
                }
            }

            total += whole;
            if (total > MaxDuration)
            {
                throw InvalidDuration(field);
            }
        }

        if (!negative && total > MaxDuration - 1)
        {
            throw InvalidDuration(field);
        }

        var nanoseconds = negative ? unchecked(-(long)total) : (long)total;
        return (nanoseconds / 1_000_000_000) + (nanoseconds % 1_000_000_000 / 1e9);
    }

    private static ulong Unit(ReadOnlySpan<byte> unit) => unit switch
    {
        _ when unit.SequenceEqual("ns"u8) => 1,
        _ when unit.SequenceEqual("us"u8) || unit.SequenceEqual("\u00b5s"u8) || unit.SequenceEqual("\u03bcs"u8) => 1_000,
        _ when unit.SequenceEqual("ms"u8) => 1_000_000,
        _ when unit.SequenceEqual("s"u8) => 1_000_000_000,
        _ when unit.SequenceEqual("m"u8) => 60_000_000_000,
        _ when unit.SequenceEqual("h"u8) => 3_600_000_000_000,
        _ => 0,
    };

    private static FormatException InvalidDuration(ReadOnlySpan<byte> field) =>
        new($"\"{Encoding.UTF8.GetString(field)}\" is not an NFS mount age");

    /// <summary>The last "addr" option's value (up to a second "="), or empty.</summary>
    private static string Address(ReadOnlySpan<byte> options)
    {
        ReadOnlySpan<byte> address = default;
        foreach (var range in options.Split((byte)','))
        {
            var option = options[range];
            var equals = option.IndexOf((byte)'=');
            var key = equals < 0 ? option : option[..equals];
            if (!key.SequenceEqual("addr"u8))
            {
                continue;
            }

            if (equals < 0)
            {
                address = default;
                continue;
            }

            var value = option[(equals + 1)..];
            var second = value.IndexOf((byte)'=');
            address = second < 0 ? value : value[..second];
        }

        return Encoding.UTF8.GetString(address);
    }

    private static ReadOnlySpan<byte> TakeSpaceField(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)' ');
        var field = rest[..end];
        rest = rest[(end + 1)..];
        return field;
    }

    /// <summary>Whether Go's strconv.Atoi takes the field: an optional sign and decimal digits within 64 bits.</summary>
    private static bool IsGoInt(ReadOnlySpan<byte> field)
    {
        var digits = field.Length > 0 && field[0] is (byte)'+' or (byte)'-' ? field[1..] : field;
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        return long.TryParse(field, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    /// <summary>The next field, split as Go's strings.Fields splits ASCII text (vertical tab and form feed too).</summary>
    private static bool NextField(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> field) => Bytes.NextField(ref text, out field, Blanks);
}
