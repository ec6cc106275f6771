using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/cgroups: per controller (subsystem), its number of control groups and whether it is enabled.</summary>
internal sealed class CgroupsCollector : INodeCollector
{
    // node_exporter 1.5 gives both families the same HELP.
    private static readonly MetricFamily Cgroups = new("node_cgroups_cgroups", "Current cgroup number of the subsystem.", MetricType.Gauge);
    private static readonly MetricFamily Enabled = new("node_cgroups_enabled", "Current cgroup number of the subsystem.", MetricType.Gauge);
    private static readonly LabelCache Subsystems = new("subsys_name");

    public string Name => "cgroups";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        List<(string Name, long Cgroups, long Enabled)> subsystems;
        using (var file = FileBuffer.Read(paths.Proc("cgroups")))
        {
            subsystems = Parse(file.Span);
        }

        Write(subsystems, writer);
        return true;
    }

    /// <summary>
    /// Each line but comments (<c>#</c> first, as the header is): <c>subsys_name hierarchy num_cgroups enabled</c>,
    /// decimal, at least four fields (more are ignored).
    /// </summary>
    /// <exception cref="FormatException">A line with fewer fields or a field that is not a whole number.</exception>
    public static List<(string Name, long Cgroups, long Enabled)> Parse(ReadOnlySpan<byte> text)
    {
        var subsystems = new List<(string, long, long)>();
        var rest = text;
        while (Bytes.NextLine(ref rest, out var line))
        {
            if (!line.IsEmpty && line[0] == (byte)'#')
            {
                continue;
            }

            var fields = line;
            if (!Bytes.NextField(ref fields, out var name)
                || !Bytes.NextField(ref fields, out var hierarchy)
                || !Bytes.NextField(ref fields, out var cgroups)
                || !Bytes.NextField(ref fields, out var enabled))
            {
                throw new FormatException("a line of cgroups has fewer than 4 fields");
            }

            _ = ParseInt(hierarchy);
            subsystems.Add((Encoding.UTF8.GetString(name), ParseInt(cgroups), ParseInt(enabled)));
        }

        return subsystems;
    }

    /// <summary>
    /// Both families, each with its samples ordered by subsystem name as node_exporter lists them; a name
    /// listed again is left out after its first line, as node_exporter drops a repeated label set.
    /// </summary>
    public static void Write(List<(string Name, long Cgroups, long Enabled)> subsystems, ExpositionWriter writer)
    {
        var order = new int[subsystems.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byName = string.CompareOrdinal(subsystems[a].Name, subsystems[b].Name);
            return byName != 0 ? byName : a.CompareTo(b);
        });
        WriteFamily(Cgroups, subsystems, order, static s => s.Cgroups, writer);
        WriteFamily(Enabled, subsystems, order, static s => s.Enabled, writer);
    }

    private static void WriteFamily(MetricFamily family, List<(string Name, long Cgroups, long Enabled)> subsystems, int[] order, Func<(string Name, long Cgroups, long Enabled), long> value, ExpositionWriter writer)
    {
        string? previous = null;
        foreach (var index in order)
        {
            var subsystem = subsystems[index];
            if (subsystem.Name != previous)
            {
                writer.WriteSample(family, Subsystems.Get(subsystem.Name), value(subsystem));
                previous = subsystem.Name;
            }
        }
    }

    /// <summary>A decimal whole number with an optional sign, within 64 bits.</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static long ParseInt(ReadOnlySpan<byte> field)
    {
        var negative = false;
        if (!field.IsEmpty && field[0] is (byte)'+' or (byte)'-')
        {
            negative = field[0] == (byte)'-';
            field = field[1..];
        }

        if (field.IsEmpty)
        {
            throw new FormatException("an empty number in cgroups");
        }

        ulong magnitude = 0;
        foreach (var c in field)
        {
            var digit = (uint)(c - '0');
            if (digit > 9 || magnitude > (ulong.MaxValue - digit) / 10)
            {
                throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");
            }

            magnitude = (magnitude * 10) + digit;
        }

        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        return magnitude > limit
            ? throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is out of range")
            : negative ? (magnitude > long.MaxValue ? long.MinValue : -(long)magnitude) : (long)magnitude;
    }
}
