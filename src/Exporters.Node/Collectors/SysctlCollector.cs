using System.Globalization;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/sys: the sysctls named by --collector.sysctl.include as numbers (one family each, or one per key
/// given after a colon) and those named by --collector.sysctl.include-info as node_sysctl_info.
/// </summary>
internal sealed class SysctlCollector : IConfigurableCollector
{
    public const string IncludeFlag = "collector.sysctl.include";
    public const string IncludeInfoFlag = "collector.sysctl.include-info";

    private static readonly MetricFamily Info = new("node_sysctl_info", "sysctl info", MetricType.Gauge);
    private static readonly LabelCache Indexes = new("index");
    private SysctlEntry[] _entries = [];

    public string Name => "sysctl";

    public bool EnabledByDefault => false;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(new FlagDefinition(IncludeFlag, FlagKind.List, "Select sysctl metrics to include") { Placeholder = "COLLECTOR.SYSCTL.INCLUDE" });
        flags.Add(new FlagDefinition(IncludeInfoFlag, FlagKind.List, "Select sysctl metrics to include as info metrics") { Placeholder = "COLLECTOR.SYSCTL.INCLUDE-INFO" });
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var entries = new List<SysctlEntry>();
        foreach (var include in flags.GetList(IncludeFlag))
        {
            entries.Add(SysctlEntry.Parse(include, numeric: true));
        }

        foreach (var include in flags.GetList(IncludeInfoFlag))
        {
            entries.Add(SysctlEntry.Parse(include, numeric: false));
        }

        _entries = [.. entries];
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var info = new List<(string Index, string Name, string Value)>();
        foreach (var entry in _entries)
        {
            List<string> fields;
            using (var file = FileBuffer.Read(paths.Proc(entry.RelativePath)))
            {
                fields = SysctlValues.Fields(file.Span);
            }

            Write(entry, fields, writer, info);
        }

        info.Sort(static (a, b) => Compare(a, b));
        foreach (var (index, name, value) in info)
        {
            writer.WriteSample(Info, LabelSet.Create([new("index", index), new("name", name), new("value", value)]), 1);
        }

        return true;
    }

    /// <summary>
    /// Writes a numeric sysctl's samples, or adds an info sysctl's values to <paramref name="info"/>; the checks
    /// node_exporter makes of the number of values against the keys come first.
    /// </summary>
    /// <exception cref="FormatException">No values, values that do not match the keys, or a value that is not a number.</exception>
    public static void Write(SysctlEntry entry, List<string> fields, ExpositionWriter writer, List<(string Index, string Name, string Value)> info)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(info);
        var numbers = new long[entry.Numeric ? fields.Count : 0];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = SysctlValues.ParseInteger(fields[i]);
        }

        if (fields.Count == 0)
        {
            throw new FormatException($"sysctl {entry.Name} has no values");
        }

        if (entry.Keys.Length > 0)
        {
            if (fields.Count == 1)
            {
                throw new FormatException($"sysctl {entry.Name} has only one value, but expected [{string.Join(' ', entry.Keys)}]");
            }

            if (fields.Count != entry.Keys.Length)
            {
                throw new FormatException($"sysctl {entry.Name} has {fields.Count} keys but only {entry.Keys.Length} defined in flag");
            }

            if (!entry.Numeric)
            {
                throw new FormatException("mapped sysctl string values not supported");
            }

            for (var i = 0; i < numbers.Length; i++)
            {
                writer.WriteSample(entry.KeyFamilies[i], LabelSet.Empty, numbers[i]);
            }

            return;
        }

        if (!entry.Numeric)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                info.Add((i.ToString(CultureInfo.InvariantCulture), entry.Name, fields[i]));
            }

            return;
        }

        if (numbers.Length == 1)
        {
            writer.WriteSample(entry.Family!, LabelSet.Empty, numbers[0]);
            return;
        }

        // The Go client orders samples by their label values as text: index 10 before index 2.
        var order = new string[numbers.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        var positions = new int[numbers.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(order, positions, StringComparer.Ordinal);
        for (var i = 0; i < positions.Length; i++)
        {
            writer.WriteSample(entry.Family!, Indexes.Get(order[i]), numbers[positions[i]]);
        }
    }

    private static int Compare((string Index, string Name, string Value) a, (string Index, string Name, string Value) b)
    {
        var order = string.CompareOrdinal(a.Index, b.Index);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Name, b.Name);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Value, b.Value);
    }
}
