using System.Globalization;
using System.Text;
using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>
/// Each case under fixtures/oracle: this service over the case's tree, with the case's flags, serves exactly
/// the node_* families, samples and values that Debian's node_exporter 1.5 printed for the same tree
/// (expected.prom, written by fixtures/oracle/regenerate.sh), in the same order within each family.
/// </summary>
public sealed class OracleTests
{
    public static string Root { get; } = Path.Combine(Fixtures.Root, "oracle");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "args")))
            {
                cases.Add(Path.GetFileName(dir));
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_is_node_exporters(string name)
    {
        var dir = Path.Combine(Root, name);
        var expectedPath = Path.Combine(dir, "expected.prom");
        Assert.True(File.Exists(expectedPath), $"{name}: no expected.prom; run fixtures/oracle/regenerate.sh {name}");
        using var exporter = await NodeExporter.StartAsync([.. Arguments(dir)]);
        var ours = Normalize(MetricsPage.Parse((await exporter.GetStringAsync("/metrics")).Replace(dir, "{case}", StringComparison.Ordinal)));
        var theirs = Normalize(MetricsPage.Parse(await File.ReadAllTextAsync(expectedPath)));
        Assert.Equal(theirs, ours);
    }

    /// <summary>The flags regenerate.sh gives node_exporter for the case.</summary>
    public static IEnumerable<string> Arguments(string dir)
    {
        yield return "--collector.disable-defaults";
        yield return "--path.procfs=" + Path.Combine(dir, "proc");
        yield return "--path.sysfs=" + Path.Combine(dir, "sys");
        yield return "--path.rootfs=" + Path.Combine(dir, "rootfs");
        yield return "--path.udev.data=" + Path.Combine(dir, "udev", "data");
        foreach (var line in File.ReadAllLines(Path.Combine(dir, "args")))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line.Replace("{case}", dir, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The node_* families as text both sides can be compared in: families by name, each with HELP and TYPE
    /// and its samples in page order, labels by name, values in one notation.
    /// </summary>
    public static string Normalize(MetricsPage page)
    {
        var text = new StringBuilder();
        foreach (var family in page.Families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!Compared(family.Name))
            {
                continue;
            }

            text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            foreach (var sample in page.Samples)
            {
                if (!BelongsTo(sample.Name, family))
                {
                    continue;
                }

                text.Append(sample.Name).Append('{');
                var first = true;
                foreach (var (label, value) in sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",").Append(label).Append("=\"").Append(value).Append('"');
                    first = false;
                }

                text.Append("} ").Append(sample.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool Compared(string family) =>
        family.StartsWith("node_", StringComparison.Ordinal)
        && family is not "node_exporter_build_info" and not "node_scrape_collector_duration_seconds";

    private static bool BelongsTo(string sample, MetricsPage.Family family) =>
        sample == family.Name
        || (family.Type is "histogram" or "summary"
            && (sample == family.Name + "_sum" || sample == family.Name + "_count" || sample == family.Name + "_bucket"));
}
