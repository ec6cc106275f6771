using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/devices/system/edac/mc/mc&lt;n&gt;: each memory controller's corrected and uncorrected error counts, in
/// total and per chip-select row (the errors the controller could not place counted under csrow "unknown").
/// </summary>
internal sealed class EdacCollector : INodeCollector
{
    private static readonly MetricFamily Correctable = new("node_edac_correctable_errors_total", "Total correctable memory errors.", MetricType.Counter);
    private static readonly MetricFamily Uncorrectable = new("node_edac_uncorrectable_errors_total", "Total uncorrectable memory errors.", MetricType.Counter);
    private static readonly MetricFamily CsrowCorrectable = new("node_edac_csrow_correctable_errors_total", "Total correctable memory errors for this csrow.", MetricType.Counter);
    private static readonly MetricFamily CsrowUncorrectable = new("node_edac_csrow_uncorrectable_errors_total", "Total uncorrectable memory errors for this csrow.", MetricType.Counter);

    public string Name => "edac";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);

        // No controllers is no errors: node_exporter succeeds with no samples.
        var root = paths.Sys("devices/system/edac/mc");
        if (!Directory.Exists(root))
        {
            return true;
        }

        var controllers = new List<(string Controller, ulong Ce, ulong Ue)>();
        var rows = new List<(string Controller, string Row, ulong Ce, ulong Ue)>();
        foreach (var directory in Numbered(root, "mc"))
        {
            var controller = Number(directory, "mc");
            controllers.Add((controller, SysAttribute.ReadDecimal(Path.Join(directory, "ce_count")), SysAttribute.ReadDecimal(Path.Join(directory, "ue_count"))));
            var ceNoInfo = SysAttribute.ReadDecimal(Path.Join(directory, "ce_noinfo_count"));
            var ueNoInfo = SysAttribute.ReadDecimal(Path.Join(directory, "ue_noinfo_count"));
            rows.Add((controller, "unknown", ceNoInfo, ueNoInfo));
            foreach (var row in Numbered(directory, "csrow"))
            {
                rows.Add((controller, Number(row, "csrow"), SysAttribute.ReadDecimal(Path.Join(row, "ce_count")), SysAttribute.ReadDecimal(Path.Join(row, "ue_count"))));
            }
        }

        controllers.Sort(static (a, b) => string.CompareOrdinal(a.Controller, b.Controller));
        rows.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Controller, b.Controller);
            return order != 0 ? order : string.CompareOrdinal(a.Row, b.Row);
        });
        foreach (var (controller, ce, _) in controllers)
        {
            writer.WriteSample(Correctable, Controller(controller), ce);
        }

        foreach (var (controller, _, ue) in controllers)
        {
            writer.WriteSample(Uncorrectable, Controller(controller), ue);
        }

        foreach (var (controller, row, ce, _) in rows)
        {
            writer.WriteSample(CsrowCorrectable, Row(controller, row), ce);
        }

        foreach (var (controller, row, _, ue) in rows)
        {
            writer.WriteSample(CsrowUncorrectable, Row(controller, row), ue);
        }

        return true;
    }

    /// <summary>The entries of <paramref name="directory"/> named <paramref name="prefix"/> and a digit, then anything.</summary>
    private static IEnumerable<string> Numbered(string directory, string prefix)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, prefix + "*"))
        {
            var name = Path.GetFileName(entry.AsSpan());
            if (name.Length > prefix.Length && char.IsAsciiDigit(name[prefix.Length]))
            {
                yield return entry;
            }
        }
    }

    /// <summary>The digits after the prefix, as node_exporter labels the controller or row.</summary>
    private static string Number(string entry, string prefix)
    {
        var name = Path.GetFileName(entry.AsSpan())[prefix.Length..];
        var end = 0;
        while (end < name.Length && char.IsAsciiDigit(name[end]))
        {
            end++;
        }

        return new string(name[..end]);
    }

    private static LabelSet Controller(string controller) => LabelSet.Create([new("controller", controller)]);

    private static LabelSet Row(string controller, string row) => LabelSet.Create([new("controller", controller), new("csrow", row)]);
}
