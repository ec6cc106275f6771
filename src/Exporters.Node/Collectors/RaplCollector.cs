using System.Text.RegularExpressions;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/powercap/&lt;zone&gt;: the energy counter of each RAPL zone in joules, as one family per zone
/// name (node_rapl_package_joules_total), or with --collector.rapl.enable-zone-label one family with the
/// zone's name as a label.
/// </summary>
internal sealed partial class RaplCollector : IConfigurableCollector
{
    private const string ZoneLabelFlag = "collector.rapl.enable-zone-label";

    private static readonly MetricFamily Joules = new("node_rapl_joules_total", "Current RAPL value in joules", MetricType.Counter);
    private static readonly FamilyCache Families = new(static name =>
        new MetricFamily("node_rapl_" + Sanitize(name + "_joules_total"), "Current RAPL " + name + " value in joules", MetricType.Counter));

    private bool _zoneLabel;

    public string Name => "rapl";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);

        // node_exporter 1.5's help for this flag, as it prints it.
        flags.Add(CollectorFlags.Bool(ZoneLabelFlag, "Enables service unit metric unit_start_time_seconds", false));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _zoneLabel = flags.GetBool(ZoneLabelFlag);
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);
        var root = paths.Sys("class/powercap");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var zones = RaplZone.List(root);
        var samples = new List<(RaplZone Zone, double Joules)>(zones.Count);
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        foreach (var zone in zones)
        {
            var path = Path.Join(zone.Path, "energy_uj");
            if (!SysAttribute.TryRead(path, buffer, out var value, out var errno))
            {
                // Only root may read the counters (since Linux 5.10): node_exporter reports no data.
                return errno is SysAttribute.ErrorAccess or SysAttribute.ErrorPermission ? false : throw ProcFile.Error(path, errno);
            }

            samples.Add((zone, SysAttribute.TryParseDecimal(value, out var microjoules)
                ? microjoules / 1000000.0
                : throw new FormatException($"{path}: \"{SysAttribute.Text(value)}\" is not a whole number")));
        }

        if (_zoneLabel)
        {
            samples.Sort(static (a, b) => Compare(a.Zone, b.Zone, byName: true));
            foreach (var (zone, joules) in samples)
            {
                writer.WriteSample(Joules, LabelSet.Create([new("index", zone.Index), new("path", zone.Path), new("rapl_zone", zone.Name)]), joules);
            }

            return true;
        }

        samples.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Zone.Name, b.Zone.Name);
            return order != 0 ? order : Compare(a.Zone, b.Zone, byName: false);
        });
        foreach (var (zone, joules) in samples)
        {
            writer.WriteSample(Families.Get(zone.Name), LabelSet.Create([new("index", zone.Index), new("path", zone.Path)]), joules);
        }

        return true;
    }

    /// <summary>A metric name with each run of characters a name cannot hold (and the underscores around it) made one underscore.</summary>
    public static string Sanitize(string name) => Invalid().Replace(name, "_");

    private static int Compare(RaplZone a, RaplZone b, bool byName)
    {
        var order = string.CompareOrdinal(a.Index, b.Index);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Path, b.Path);
        }

        return order == 0 && byName ? string.CompareOrdinal(a.Name, b.Name) : order;
    }

    [GeneratedRegex("_*[^0-9A-Za-z_]+_*", RegexOptions.CultureInvariant)]
    private static partial Regex Invalid();
}
