using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/slabinfo (version 2.1): per slab cache, its objects and their sizes.</summary>
internal sealed class SlabInfoCollector : INodeCollector
{
    private static readonly MetricFamily ActiveObjects = new("node_slabinfo_active_objects", "The number of objects that are currently active (i.e., in use).", MetricType.Gauge);
    private static readonly MetricFamily ObjectSizeBytes = new("node_slabinfo_object_size_bytes", "The size of objects in this slab, in bytes.", MetricType.Gauge);
    private static readonly MetricFamily Objects = new("node_slabinfo_objects", "The total number of allocated objects (i.e., objects that are both in use and not in use).", MetricType.Gauge);
    private static readonly MetricFamily ObjectsPerSlab = new("node_slabinfo_objects_per_slab", "The number of objects stored in each slab.", MetricType.Gauge);
    private static readonly MetricFamily PagesPerSlab = new("node_slabinfo_pages_per_slab", "The number of pages allocated for each slab.", MetricType.Gauge);
    private static readonly LabelCache Slabs = new("slab");

    /// <summary>The fields a slab line has: name, five numbers, the tunables and the slab data.</summary>
    private const int FieldCount = 16;

    public string Name => "slabinfo";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("slabinfo"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>Every slab line, ordered by slab name as node_exporter lists them.</summary>
    /// <exception cref="FormatException">A line other than the version and the header has not 16 fields, or a number is malformed.</exception>
    public static void Write(ReadOnlySpan<byte> slabinfo, ExpositionWriter writer)
    {
        var slabs = Parse(slabinfo);
        slabs.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        WriteFamily(slabs, ActiveObjects, 0, writer);
        WriteFamily(slabs, ObjectSizeBytes, 2, writer);
        WriteFamily(slabs, Objects, 1, writer);
        WriteFamily(slabs, ObjectsPerSlab, 3, writer);
        WriteFamily(slabs, PagesPerSlab, 4, writer);
    }

    /// <summary>Each slab's name with its active objects, objects, object size, objects per slab and pages per slab.</summary>
    public static List<(string Name, long[] Values)> Parse(ReadOnlySpan<byte> slabinfo)
    {
        var slabs = new List<(string, long[])>();
        var text = slabinfo;
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        while (Bytes.NextLine(ref text, out var line))
        {
            if (line.IndexOf("slabinfo -"u8) >= 0 || line.IndexOf("# name"u8) >= 0)
            {
                continue;
            }

            if (Split(line, fields) != FieldCount)
            {
                throw new FormatException($"unable to read: \"{Encoding.UTF8.GetString(line)}\"");
            }

            var values = new long[]
            {
                Number(line[fields[1]]),
                Number(line[fields[2]]),
                Number(line[fields[3]]),
                Number(line[fields[4]]),
                Number(line[fields[5]]),
            };
            foreach (var index in (ReadOnlySpan<int>)[8, 9, 10, 13, 14, 15])
            {
                Number(line[fields[index]]);
            }

            slabs.Add((Encoding.UTF8.GetString(line[fields[0]]), values));
        }

        return slabs;
    }

    /// <summary>
    /// The line cut at each run of white space, as procfs cuts it: a run at either end makes an empty field.
    /// Returns the count of fields, at most <paramref name="fields"/>' length.
    /// </summary>
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        var i = 0;
        while (true)
        {
            if (i == line.Length || IsSpace(line[i]))
            {
                if (count == fields.Length)
                {
                    return count;
                }

                fields[count++] = new Range(start, i);
                if (i == line.Length)
                {
                    return count;
                }

                while (i < line.Length && IsSpace(line[i]))
                {
                    i++;
                }

                start = i;
                continue;
            }

            i++;
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r';

    private static long Number(ReadOnlySpan<byte> field)
    {
        var unsigned = field.Length > 0 && field[0] == (byte)'+' ? field[1..] : field;
        return unsigned.Length > 0 && unsigned[0] != (byte)'+' && (unsigned.Length == field.Length || unsigned[0] != (byte)'-') ? Bytes.ParseInt64(unsigned) : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a whole number");
    }

    private static void WriteFamily(List<(string Name, long[] Values)> slabs, MetricFamily family, int column, ExpositionWriter writer)
    {
        foreach (var (name, values) in slabs)
        {
            writer.WriteSample(family, Slabs.Get(name), values[column]);
        }
    }
}
