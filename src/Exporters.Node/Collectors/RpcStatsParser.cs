using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>What /proc/net/rpc/nfs (the NFS client) holds, each line's values after its count where it has one.</summary>
internal sealed class NfsClientStats
{
    public ulong[] Net { get; } = new ulong[4];

    public ulong[] Rpc { get; } = new ulong[3];

    public ulong[] Proc2 { get; } = new ulong[18];

    public ulong[] Proc3 { get; } = new ulong[22];

    /// <summary>The first 59 NFSv4 operations; an older kernel's shorter line leaves the rest at 0.</summary>
    public ulong[] Proc4 { get; } = new ulong[59];
}

/// <summary>What /proc/net/rpc/nfsd (the NFS server) holds, each line's values after its count where it has one.</summary>
internal sealed class NfsdStats
{
    public ulong[] ReplyCache { get; } = new ulong[3];

    public ulong[] FileHandles { get; } = new ulong[5];

    public ulong[] InputOutput { get; } = new ulong[2];

    public ulong[] Threads { get; } = new ulong[2];

    public ulong[] ReadAhead { get; } = new ulong[12];

    public ulong[] Net { get; } = new ulong[4];

    public ulong[] Rpc { get; } = new ulong[5];

    public ulong[] Proc2 { get; } = new ulong[18];

    public ulong[] Proc3 { get; } = new ulong[22];

    /// <summary>The first 38 NFSv4 operations (operation 0 first).</summary>
    public ulong[] Proc4Ops { get; } = new ulong[38];
}

/// <summary>
/// The parsers of the sunrpc statistics files, with node_exporter's rules: every line is a known name and at
/// least one whole number; fixed lines have their exact number of values; a <c>procN</c> line starts with
/// its count of values, which must match and reach the kernel's minimum.
/// </summary>
internal static class RpcStatsParser
{
    /// <exception cref="FormatException">A line is unknown, short, or holds something other than whole numbers.</exception>
    public static NfsClientStats ParseClient(ReadOnlySpan<byte> text)
    {
        var stats = new NfsClientStats();
        var values = new List<ulong>(64);
        while (Bytes.NextLine(ref text, out var line))
        {
            var name = Values(line, values) ? Name(line) : default;
            if (name.SequenceEqual("net"u8))
            {
                Fixed(values, stats.Net, name);
            }
            else if (name.SequenceEqual("rpc"u8))
            {
                Fixed(values, stats.Rpc, name);
            }
            else if (name.SequenceEqual("proc2"u8))
            {
                Counted(values, stats.Proc2, 18, name);
            }
            else if (name.SequenceEqual("proc3"u8))
            {
                Counted(values, stats.Proc3, 22, name);
            }
            else if (name.SequenceEqual("proc4"u8))
            {
                Counted(values, stats.Proc4, 0, name);
            }
            else
            {
                throw new FormatException($"unknown NFS metric line \"{Encoding.UTF8.GetString(name)}\"");
            }
        }

        return stats;
    }

    /// <exception cref="FormatException">A line is unknown, short, or holds something other than whole numbers.</exception>
    public static NfsdStats ParseServer(ReadOnlySpan<byte> text)
    {
        var stats = new NfsdStats();
        var values = new List<ulong>(80);
        Span<ulong> proc4 = stackalloc ulong[2];
        while (Bytes.NextLine(ref text, out var line))
        {
            var name = Values(line, values) ? Name(line) : default;
            if (name.SequenceEqual("rc"u8))
            {
                Fixed(values, stats.ReplyCache, name);
            }
            else if (name.SequenceEqual("fh"u8))
            {
                Fixed(values, stats.FileHandles, name);
            }
            else if (name.SequenceEqual("io"u8))
            {
                Fixed(values, stats.InputOutput, name);
            }
            else if (name.SequenceEqual("th"u8))
            {
                Fixed(values, stats.Threads, name);
            }
            else if (name.SequenceEqual("ra"u8))
            {
                Fixed(values, stats.ReadAhead, name);
            }
            else if (name.SequenceEqual("net"u8))
            {
                Fixed(values, stats.Net, name);
            }
            else if (name.SequenceEqual("rpc"u8))
            {
                Fixed(values, stats.Rpc, name);
            }
            else if (name.SequenceEqual("proc2"u8))
            {
                Counted(values, stats.Proc2, 18, name);
            }
            else if (name.SequenceEqual("proc3"u8))
            {
                Counted(values, stats.Proc3, 22, name);
            }
            else if (name.SequenceEqual("proc4"u8))
            {
                // Null and compound: exactly two.
                if (values.Count != 3 || values[0] != 2)
                {
                    throw new FormatException("invalid NFSd proc4 line");
                }

                Counted(values, proc4, 2, name);
            }
            else if (name.SequenceEqual("proc4ops"u8))
            {
                Counted(values, stats.Proc4Ops, 39, name);
            }
            else
            {
                throw new FormatException($"unknown NFSd metric line \"{Encoding.UTF8.GetString(name)}\"");
            }
        }

        return stats;
    }

    /// <summary>
    /// Puts the line's values in <paramref name="values"/>: all of them, or for the threads line only the
    /// first two (the rest are the kernel's old histogram, not read).
    /// </summary>
    private static bool Values(ReadOnlySpan<byte> line, List<ulong> values)
    {
        values.Clear();
        var rest = line;
        if (!Bytes.NextField(ref rest, out var name) || !HasField(rest))
        {
            throw new FormatException($"invalid NFS metric line \"{Encoding.UTF8.GetString(line)}\"");
        }

        var threads = name.SequenceEqual("th"u8);
        while (Bytes.NextField(ref rest, out var field))
        {
            if (threads && values.Count == 2)
            {
                break;
            }

            values.Add(field.Length > 0 && field.IndexOfAnyExcept("0123456789"u8) < 0
                ? Bytes.ParseUInt64(field)
                : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number"));
        }

        return true;
    }

    private static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> line) => Bytes.Column(line, 0, out var name) ? name : default;

    private static bool HasField(ReadOnlySpan<byte> rest)
    {
        var copy = rest;
        return Bytes.NextField(ref copy, out _);
    }

    private static void Fixed(List<ulong> values, Span<ulong> into, ReadOnlySpan<byte> name)
    {
        if (values.Count != into.Length)
        {
            throw new FormatException($"invalid {Encoding.UTF8.GetString(name)} line: {values.Count} values where {into.Length} are expected");
        }

        for (var i = 0; i < into.Length; i++)
        {
            into[i] = values[i];
        }
    }

    /// <summary>A line whose first value counts the others, which must be at least <paramref name="minimum"/>.</summary>
    private static void Counted(List<ulong> values, Span<ulong> into, int minimum, ReadOnlySpan<byte> name)
    {
        var count = values[0];
        if (count != (ulong)(values.Count - 1) || count < (ulong)minimum)
        {
            throw new FormatException($"invalid {Encoding.UTF8.GetString(name)} line: counts {count} values and has {values.Count - 1}");
        }

        into.Clear();
        for (var i = 0; i < into.Length && i + 1 < values.Count; i++)
        {
            into[i] = values[i + 1];
        }
    }
}
