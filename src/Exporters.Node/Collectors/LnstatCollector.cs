using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/net/stat/*: each file's per-CPU counters of the kernel's network caches (arp_cache, rt_cache,
/// nf_conntrack, ...), one family per column.
/// </summary>
internal sealed class LnstatCollector : INodeCollector
{
    private const string Help = "linux network cache stats";
    private static readonly FamilyCache Families = new(static column => new MetricFamily("node_lnstat_" + column + "_total", Help, MetricType.Counter));
    private static readonly ConcurrentDictionary<(string Subsystem, int Cpu), LabelSet> Labels = new();
    private static readonly string[] CpuNames = NameCpus();

    public string Name => "lnstat";

    public bool EnabledByDefault => false;

    /// <summary>Without /proc/net/stat there is nothing to write, which node_exporter counts as success.</summary>
    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var directory = paths.Proc("net/stat");
        var samples = new List<Sample>();
        if (Directory.Exists(directory))
        {
            var files = Directory.GetFiles(directory);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var path in files)
            {
                using var file = FileBuffer.Read(path);
                Parse(Path.GetFileName(path), file.Span, samples);
            }
        }

        Write(samples, writer);
        return true;
    }

    /// <summary>
    /// One file: a header line naming the columns, then one line of hexadecimal counters per CPU. The CPU of
    /// a value is how many values its column had before it in the file.
    /// </summary>
    /// <exception cref="FormatException">
    /// A value that is not hexadecimal, a line with more values than the header has columns, or a column
    /// name that cannot be part of a metric name (node_exporter stops on the last two).
    /// </exception>
    public static void Parse(string subsystem, ReadOnlySpan<byte> text, List<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rest = text;
        if (!Bytes.NextLine(ref rest, out var header))
        {
            return;
        }

        var columns = new List<(MetricFamily Family, int Count)>();
        Span<char> chars = stackalloc char[128];
        while (Bytes.NextField(ref header, out var name))
        {
            if (name.Length > chars.Length || !IsNamePart(name))
            {
                throw new FormatException($"the column \"{Encoding.UTF8.GetString(name)}\" of {subsystem} cannot be part of a metric name");
            }

            var length = Encoding.ASCII.GetChars(name, chars);
            columns.Add((Families.Get(chars[..length]), 0));
        }

        while (Bytes.NextLine(ref rest, out var line))
        {
            var index = 0;
            while (Bytes.NextField(ref line, out var field))
            {
                if (index >= columns.Count)
                {
                    throw new FormatException($"a line of {subsystem} has more values than its header has columns");
                }

                var family = columns[index].Family;
                var cpu = 0;

                // A column named twice goes on counting CPUs where its first name left off.
                for (var i = 0; i < columns.Count; i++)
                {
                    if (ReferenceEquals(columns[i].Family, family))
                    {
                        cpu += columns[i].Count;
                    }
                }

                columns[index] = (family, columns[index].Count + 1);
                samples.Add(new Sample(family, subsystem, cpu, Bytes.ParseHex(field)));
                index++;
            }
        }
    }

    /// <summary>The families by name, each with its samples ordered by CPU (as text), then subsystem, as node_exporter lists them.</summary>
    public static void Write(List<Sample> samples, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(samples);
        samples.Sort(static (a, b) =>
        {
            var byFamily = string.CompareOrdinal(a.Family.Name, b.Family.Name);
            if (byFamily != 0)
            {
                return byFamily;
            }

            var byCpu = string.CompareOrdinal(CpuText(a.Cpu), CpuText(b.Cpu));
            return byCpu != 0 ? byCpu : string.CompareOrdinal(a.Subsystem, b.Subsystem);
        });
        foreach (var sample in samples)
        {
            writer.WriteSample(sample.Family, LabelsOf(sample.Subsystem, sample.Cpu), sample.Value);
        }
    }

    private static bool IsNamePart(ReadOnlySpan<byte> name)
    {
        foreach (var c in name)
        {
            if (!(c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)':'))
            {
                return false;
            }
        }

        return true;
    }

    private static string CpuText(int cpu) => cpu < CpuNames.Length ? CpuNames[cpu] : cpu.ToString(CultureInfo.InvariantCulture);

    private static string[] NameCpus()
    {
        var names = new string[1024];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }

    private static LabelSet LabelsOf(string subsystem, int cpu) =>
        Labels.TryGetValue((subsystem, cpu), out var labels)
            ? labels
            : Labels.Count < 4096
                ? Labels.GetOrAdd((subsystem, cpu), static key => Create(key.Subsystem, key.Cpu))
                : Create(subsystem, cpu);

    private static LabelSet Create(string subsystem, int cpu) => LabelSet.Create([new("cpu", CpuText(cpu)), new("subsystem", subsystem)]);

    /// <summary>One counter of one CPU in one file.</summary>
    internal readonly record struct Sample(MetricFamily Family, string Subsystem, int Cpu, ulong Value);
}
