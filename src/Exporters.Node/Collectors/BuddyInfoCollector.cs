using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/buddyinfo: per NUMA node and memory zone, the count of free blocks of each order.</summary>
internal sealed class BuddyInfoCollector : INodeCollector
{
    private static readonly MetricFamily Blocks = new("node_buddyinfo_blocks", "Count of free blocks according to size.", MetricType.Gauge);

    public string Name => "buddyinfo";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("buddyinfo"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>
    /// Lines of "Node &lt;n&gt;, zone &lt;zone&gt; &lt;count&gt;...": every line at least four fields and as many counts as
    /// the first. A node and zone given twice keep the first line's counts (node_exporter drops the repeated
    /// samples). Samples are ordered by node, size and zone, as text.
    /// </summary>
    /// <exception cref="FormatException">A line is short, has another number of counts, or a count is not a number.</exception>
    public static void Write(ReadOnlySpan<byte> buddyInfo, ExpositionWriter writer)
    {
        var samples = new List<(string Node, string Size, string Zone, double Value)>();
        var seen = new HashSet<(string, string)>();
        var buckets = -1;
        var fields = new List<string>();
        var rest = buddyInfo;
        while (Bytes.NextLine(ref rest, out var line))
        {
            fields.Clear();
            while (Bytes.NextField(ref line, out var field))
            {
                fields.Add(Encoding.UTF8.GetString(field));
            }

            if (fields.Count < 4)
            {
                throw new FormatException("invalid number of fields when parsing buddyinfo");
            }

            var count = fields.Count - 4;
            if (buckets >= 0 && buckets != count)
            {
                throw new FormatException($"mismatch in number of buddyinfo buckets, previous count {buckets}, new count {count}");
            }

            buckets = count;
            var node = fields[1].TrimEnd(',');
            var zone = fields[3].TrimEnd(',');
            var first = seen.Add((node, zone));
            for (var size = 0; size < count; size++)
            {
                var value = GoFloat.Parse(Encoding.UTF8.GetBytes(fields[size + 4]));
                if (first)
                {
                    samples.Add((node, size.ToString(CultureInfo.InvariantCulture), zone, value));
                }
            }
        }

        samples.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Node, b.Node);
            order = order != 0 ? order : string.CompareOrdinal(a.Size, b.Size);
            return order != 0 ? order : string.CompareOrdinal(a.Zone, b.Zone);
        });
        foreach (var sample in samples)
        {
            writer.WriteSample(Blocks, LabelSet.Create([new("node", sample.Node), new("size", sample.Size), new("zone", sample.Zone)]), sample.Value);
        }
    }
}
