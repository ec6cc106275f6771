using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// The kstat files of ZFS on Linux under /proc/spl/kstat/zfs: "name type data" tables, the pools' io
/// tables and their state. Only unsigned 64-bit entries (kstat type 4) are metrics, as node_exporter 1.5 takes them.
/// </summary>
internal static class ZfsKstat
{
    /// <summary>The states node_exporter 1.5 writes a sample for, in its label value order.</summary>
    public static readonly string[] PoolStates = ["degraded", "faulted", "offline", "online", "removed", "unavail"];

    /// <summary>Whether a row's kstat type is KSTAT_DATA_UINT64, the only type node_exporter 1.5 makes a metric of.</summary>
    public static bool IsUint64(ReadOnlySpan<byte> type) => type.SequenceEqual("4"u8);

    /// <summary>
    /// Calls <paramref name="entry"/> with each row of a "name type data" table; lines before the header and
    /// lines with fewer than three fields are skipped.
    /// </summary>
    /// <exception cref="FormatException">There is no header, or <paramref name="entry"/> finds a value malformed.</exception>
    public static void ParseTable<TState>(ReadOnlySpan<byte> text, TState state, TableEntry<TState> entry)
    {
        var header = false;
        var rest = text;
        while (Bytes.NextLine(ref rest, out var line))
        {
            var fields = line;
            if (!Bytes.NextField(ref fields, out var name) || !Bytes.NextField(ref fields, out var type) || !Bytes.NextField(ref fields, out var data))
            {
                continue;
            }

            if (!header)
            {
                header = name.SequenceEqual("name"u8) && type.SequenceEqual("type"u8) && data.SequenceEqual("data"u8)
                    && !Bytes.NextField(ref fields, out _);
                continue;
            }

            entry(state, name, type, data);
        }

        if (!header)
        {
            throw new FormatException("no \"name type data\" header in a ZFS kstat file");
        }
    }

    /// <summary>Each column of a pool's io table under the header that starts with "nread", one value per column per line.</summary>
    /// <exception cref="FormatException">A line has fewer values than the header has columns, or a value is not a whole number.</exception>
    public static void ParseIo(ReadOnlySpan<byte> text, List<(string Column, double Value)> values)
    {
        var rest = text;
        List<string>? columns = null;
        while (Bytes.NextLine(ref rest, out var line))
        {
            if (columns is null)
            {
                columns = Header(line);
                continue;
            }

            var fields = line;
            foreach (var column in columns)
            {
                if (!Bytes.NextField(ref fields, out var field))
                {
                    throw new FormatException("a ZFS pool io line has fewer values than columns");
                }

                values.Add((column, ParseValue(Encoding.UTF8.GetBytes(column), field)));
            }
        }
    }

    /// <summary>Whether the first line of a pool's state file is <paramref name="state"/>, whatever its case.</summary>
    public static bool IsState(ReadOnlySpan<byte> stateFile, string state)
    {
        var end = stateFile.IndexOf((byte)'\n');
        var line = end < 0 ? stateFile : stateFile[..end];
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.Length != state.Length)
        {
            return false;
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if ((c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 32) : c) != state[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The family of a kstat entry: <c>node_&lt;subsystem&gt;_&lt;name&gt;</c>, dashes made underscores, untyped.</summary>
    /// <exception cref="FormatException">The name makes no valid metric name.</exception>
    public static MetricFamily Family(string subsystem, string help, string name)
    {
        var metric = "node_" + subsystem + "_" + name.Replace('-', '_');
        return MetricNames.IsValidMetricName(metric)
            ? new MetricFamily(metric, help, MetricType.Untyped)
            : throw new FormatException($"\"{name}\" in a ZFS kstat file makes no valid metric name");
    }

    /// <summary>The family of a row's name in <paramref name="families"/>.</summary>
    public static MetricFamily FamilyOf(FamilyCache families, ReadOnlySpan<byte> name)
    {
        Span<char> chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var count = Encoding.UTF8.GetChars(name, chars);
        return families.Get(chars[..count]);
    }

    private static List<string>? Header(ReadOnlySpan<byte> line)
    {
        var fields = line;
        if (!Bytes.NextField(ref fields, out var first) || !first.SequenceEqual("nread"u8))
        {
            return null;
        }

        var columns = new List<string> { "nread" };
        while (Bytes.NextField(ref fields, out var field))
        {
            columns.Add(Encoding.UTF8.GetString(field));
        }

        return columns.Count >= 12 ? columns : null;
    }

    /// <summary>A kstat value: a whole number from 0 to 2^64-1, digits only.</summary>
    /// <exception cref="FormatException">It is not.</exception>
    public static double ParseValue(ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        foreach (var c in data)
        {
            if (c is < (byte)'0' or > (byte)'9' || value > (ulong.MaxValue - (ulong)(c - '0')) / 10)
            {
                throw new FormatException($"could not parse expected integer value for \"{Encoding.UTF8.GetString(name)}\"");
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        return data.IsEmpty ? throw new FormatException($"could not parse expected integer value for \"{Encoding.UTF8.GetString(name)}\"") : value;
    }

    /// <summary>Receives one row of a kstat table: its name, its kstat type, and its data.</summary>
    public delegate void TableEntry<in TState>(TState state, ReadOnlySpan<byte> name, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data);
}
