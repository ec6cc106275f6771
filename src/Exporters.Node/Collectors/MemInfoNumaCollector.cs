using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/devices/system/node/node&lt;n&gt;/{meminfo,numastat}: each NUMA node's memory fields (bytes where the
/// kernel gives kB) and its allocation counters. Without that folder there are no nodes and no samples.
/// </summary>
internal sealed class MemInfoNumaCollector : INodeCollector
{
    private static readonly FamilyCache Gauges = new(static name => Family(name, MetricType.Gauge));
    private static readonly FamilyCache Counters = new(static name => Family(name + "_total", MetricType.Counter));

    public string Name => "meminfo_numa";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("devices/system/node");
        var samples = new List<(MetricFamily Family, string Node, double Value)>();
        if (Directory.Exists(root))
        {
            var nodes = new List<string>();
            foreach (var directory in Directory.EnumerateDirectories(root, "node*"))
            {
                var name = Path.GetFileName(directory);
                if (name.Length > 4 && char.IsAsciiDigit(name[4]))
                {
                    nodes.Add(directory);
                }
            }

            nodes.Sort(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                using (var meminfo = FileBuffer.Read(Path.Combine(node, "meminfo")))
                {
                    ParseMemInfo(meminfo.Span, samples);
                }

                var name = Path.GetFileName(node.AsSpan())[4..];
                var digits = name.IndexOfAnyExceptInRange('0', '9');
                using var numastat = FileBuffer.Read(Path.Combine(node, "numastat"));
                ParseNumaStat(numastat.Span, new string(digits < 0 ? name : name[..digits]), samples);
            }
        }

        Write(samples, writer);
        return true;
    }

    /// <summary>Lines of "Node &lt;n&gt; &lt;Field&gt;: &lt;value&gt; [kB]"; Active(anon) becomes Active_anon, kB become bytes.</summary>
    /// <exception cref="FormatException">A line has too few or too many fields, another unit, or a value that is not a number.</exception>
    public static void ParseMemInfo(ReadOnlySpan<byte> meminfo, List<(MetricFamily Family, string Node, double Value)> samples)
    {
        var rest = meminfo;
        Span<Range> parts = stackalloc Range[6];
        while (Bytes.NextLine(ref rest, out var line))
        {
            var count = Fields(line, parts);
            if (count == 0)
            {
                continue;
            }

            if (count < 4)
            {
                throw new FormatException("a meminfo line has too few fields");
            }

            var value = GoFloat.Parse(line[parts[3]]);
            if (count == 5 && line[parts[4]].SequenceEqual("kB"u8))
            {
                value *= 1024;
            }
            else if (count != 4)
            {
                throw new FormatException($"invalid line in meminfo: {Encoding.UTF8.GetString(line.Trim(" \t\r"u8))}");
            }

            var field = line[parts[2]].TrimEnd((byte)':');
            var open = field.IndexOf((byte)'(');
            var close = field.LastIndexOf((byte)')');
            var name = open >= 0 && close > open
                ? Encoding.UTF8.GetString(field[..open]) + "_" + Encoding.UTF8.GetString(field[(open + 1)..close]) + Encoding.UTF8.GetString(field[(close + 1)..])
                : Encoding.UTF8.GetString(field);
            samples.Add((Gauges.Get(name), Encoding.UTF8.GetString(line[parts[1]]), value));
        }
    }

    /// <summary>Lines of "&lt;counter&gt; &lt;value&gt;", each a counter of <paramref name="node"/>.</summary>
    /// <exception cref="FormatException">A line has other than two fields or a value that is not a number.</exception>
    public static void ParseNumaStat(ReadOnlySpan<byte> numastat, string node, List<(MetricFamily Family, string Node, double Value)> samples)
    {
        var rest = numastat;
        Span<Range> parts = stackalloc Range[3];
        while (Bytes.NextLine(ref rest, out var line))
        {
            var count = Fields(line, parts);
            if (count == 0)
            {
                continue;
            }

            if (count != 2)
            {
                throw new FormatException("a numastat line does not have 2 fields");
            }

            samples.Add((Counters.Get(Encoding.UTF8.GetString(line[parts[0]])), node, GoFloat.Parse(line[parts[1]])));
        }
    }

    /// <summary>Each family's samples by node; a field a node gives twice keeps its first value, as node_exporter does.</summary>
    public static void Write(List<(MetricFamily Family, string Node, double Value)> samples, ExpositionWriter writer)
    {
        // A stable sort, so the first of two equal samples stays first.
        var ordered = new List<(MetricFamily Family, string Node, double Value, int Index)>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            ordered.Add((samples[i].Family, samples[i].Node, samples[i].Value, i));
        }

        ordered.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Family.Name, b.Family.Name);
            order = order != 0 ? order : string.CompareOrdinal(a.Node, b.Node);
            return order != 0 ? order : a.Index.CompareTo(b.Index);
        });
        for (var i = 0; i < ordered.Count; i++)
        {
            var (family, node, value, _) = ordered[i];
            if (i > 0 && ReferenceEquals(ordered[i - 1].Family, family) && ordered[i - 1].Node == node)
            {
                continue;
            }

            writer.WriteSample(family, LabelSet.Create([new("node", node)]), value);
        }
    }

    /// <summary>The blank-separated fields of a line into <paramref name="parts"/>; the count, which may exceed the room.</summary>
    private static int Fields(ReadOnlySpan<byte> line, Span<Range> parts)
    {
        var count = 0;
        var rest = line;
        while (Bytes.NextField(ref rest, out var field))
        {
            var start = line.Length - rest.Length - field.Length;
            if (count < parts.Length)
            {
                parts[count] = new Range(start, start + field.Length);
            }

            count++;
        }

        return count;
    }

    private static MetricFamily Family(string name, MetricType type)
    {
        var metric = "node_memory_numa_" + name;
        return MetricNames.IsValidMetricName(metric)
            ? new MetricFamily(metric, $"Memory information field {name}.", type)
            : throw new FormatException($"\"{name}\" makes no valid metric name");
    }
}
