using System.Buffers.Text;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// The parser of an XFS statistics file (/sys/fs/xfs/&lt;device&gt;/stats/stats, same format as
/// /proc/fs/xfs/stat): one line per group, a name then its counters. Each known group must have its
/// documented number of counters; every counter of every group must be a 32-bit whole number, but those
/// of <c>xpc</c>, which are 64-bit.
/// </summary>
internal static class XfsStats
{
    /// <summary>The groups whose number of counters is checked: name, fewest and most counters.</summary>
    private static readonly (byte[] Name, int Min, int Max)[] Groups =
    [
        ("extent_alloc"u8.ToArray(), 4, 4),
        ("abt"u8.ToArray(), 4, 4),
        ("blk_map"u8.ToArray(), 7, 7),
        ("bmbt"u8.ToArray(), 4, 4),
        ("dir"u8.ToArray(), 4, 4),
        ("trans"u8.ToArray(), 3, 3),
        ("ig"u8.ToArray(), 7, 7),
        ("log"u8.ToArray(), 5, 5),
        ("push_ail"u8.ToArray(), 10, 10),
        ("xstrat"u8.ToArray(), 2, 2),
        ("rw"u8.ToArray(), 2, 2),
        ("attr"u8.ToArray(), 4, 4),
        ("icluster"u8.ToArray(), 3, 3),
        ("vnodes"u8.ToArray(), 7, 8),
        ("buf"u8.ToArray(), 9, 9),
        ("abtb2"u8.ToArray(), 15, 15),
        ("abtc2"u8.ToArray(), 15, 15),
        ("bmbt2"u8.ToArray(), 15, 15),
        ("ibt2"u8.ToArray(), 15, 15),
        ("qm"u8.ToArray(), 8, 9),
        ("debug"u8.ToArray(), 1, 1),
        ("xpc"u8.ToArray(), 3, 3),
    ];

    /// <summary>The most counters a group that is kept has.</summary>
    private const int MaxKept = 16;

    /// <summary>
    /// Parses <paramref name="text"/> and puts into <paramref name="values"/>, for each wanted
    /// (group, column) pair of <paramref name="wanted"/>, that counter (0 when the group is absent).
    /// </summary>
    /// <exception cref="FormatException">A counter is not a whole number of its size, or a known group has the wrong number of counters.</exception>
    public static void Parse(ReadOnlySpan<byte> text, ReadOnlySpan<(byte[] Group, int Column)> wanted, Span<ulong> values)
    {
        values.Clear();
        Span<ulong> counters = stackalloc ulong[MaxKept];
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var name))
            {
                continue;
            }

            var wide = name.SequenceEqual("xpc"u8);
            var count = 0;
            while (Bytes.NextField(ref line, out var field))
            {
                var value = Parse(field, wide);
                if (count < MaxKept)
                {
                    counters[count] = value;
                }

                count++;
            }

            if (count == 0)
            {
                // A name alone is no group.
                continue;
            }

            foreach (var (group, min, max) in Groups)
            {
                if (name.SequenceEqual(group) && (count < min || count > max))
                {
                    throw new FormatException($"XFS stats group {Encoding.UTF8.GetString(name)} has {count} values");
                }
            }

            for (var i = 0; i < wanted.Length; i++)
            {
                if (name.SequenceEqual(wanted[i].Group))
                {
                    values[i] = counters[wanted[i].Column];
                }
            }
        }
    }

    private static ulong Parse(ReadOnlySpan<byte> field, bool wide)
    {
        if (field.Length > 0 && field[0] is >= (byte)'0' and <= (byte)'9'
            && Utf8Parser.TryParse(field, out ulong value, out var consumed) && consumed == field.Length
            && (wide || value <= uint.MaxValue))
        {
            return value;
        }

        throw new FormatException($"XFS stats value \"{Encoding.UTF8.GetString(field)}\" is not a whole number of {(wide ? 64 : 32)} bits");
    }
}
