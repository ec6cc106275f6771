using System.Globalization;
using System.Text.RegularExpressions;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// One sysctl named by --collector.sysctl.include or --collector.sysctl.include-info: its name, where its
/// file is under /proc/sys, and for a numeric one its family (or one family per key when keys are given
/// after a colon).
/// </summary>
internal sealed partial class SysctlEntry
{
    private SysctlEntry(string name, bool numeric, string[] keys, MetricFamily? family, MetricFamily[] keyFamilies)
    {
        Name = name;
        Numeric = numeric;
        Keys = keys;
        Family = family;
        KeyFamilies = keyFamilies;
        RelativePath = Path.Combine("sys", name.Replace('.', '/'));
    }

    public string Name { get; }

    /// <summary>True for --collector.sysctl.include (values are whole numbers), false for the info flag.</summary>
    public bool Numeric { get; }

    /// <summary>The names given to the values after the colon; empty when none are.</summary>
    public string[] Keys { get; }

    /// <summary>The family of a numeric sysctl without keys.</summary>
    public MetricFamily? Family { get; }

    /// <summary>The families of a numeric sysctl's keys, one per key.</summary>
    public MetricFamily[] KeyFamilies { get; }

    /// <summary>The file under the proc root: the name with its dots as slashes, under sys/.</summary>
    public string RelativePath { get; }

    /// <summary>Parses a flag value, <c>name</c> or <c>name:key1,key2,…</c>.</summary>
    /// <exception cref="UsageException">A key makes no valid metric name.</exception>
    public static SysctlEntry Parse(string include, bool numeric)
    {
        var colon = include.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? include : include[..colon];
        var keys = colon < 0 ? [] : include[(colon + 1)..].Split(',');
        var metricName = "node_sysctl_" + Sanitize(name);
        if (!numeric)
        {
            return new SysctlEntry(name, numeric, keys, null, []);
        }

        try
        {
            var keyFamilies = new MetricFamily[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keyFamilies[i] = new MetricFamily(metricName + "_" + keys[i], string.Create(CultureInfo.InvariantCulture, $"sysctl {name}, field {i}"), MetricType.Untyped);
            }

            return new SysctlEntry(name, numeric, keys, new MetricFamily(metricName, "sysctl " + name, MetricType.Untyped), keyFamilies);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--collector.sysctl.include={include}: {e.Message}");
        }
    }

    /// <summary>The name as node_exporter puts it into a metric name: each run of other characters (with the underscores around it) as one underscore.</summary>
    public static string Sanitize(string name) => Invalid().Replace(name, "_");

    [GeneratedRegex("_*[^0-9A-Za-z_]+_*", RegexOptions.CultureInvariant)]
    private static partial Regex Invalid();
}
