using Exporters.Core.Configuration;
using Exporters.NginxLog.Configuration;

namespace Exporters.NginxLog.Metrics;

/// <summary>
/// The rules for namespaces that write the same families (one metric prefix, told apart by
/// <c>namespace_label</c> or static labels): the page they make together must be valid.
/// </summary>
internal static class SharedPrefix
{
    /// <summary>Throws a one-line <see cref="UsageException"/> when the namespaces of one prefix cannot share it.</summary>
    public static void Check(IReadOnlyList<NamespaceSchema> group, string source)
    {
        for (var i = 1; i < group.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                CheckPair(group[j], group[i], source);
            }
        }
    }

    private static void CheckPair(NamespaceSchema a, NamespaceSchema b, string source)
    {
        var what = $"{source}: namespaces \"{a.Config.Name}\" and \"{b.Config.Name}\" share the metric prefix \"{a.Config.MetricsPrefix}\"";
        if (a.Config.Style != b.Config.Style || a.Config.Style == MetricsStyle.NginxlogExporter)
        {
            throw new UsageException($"{what}, which only namespaces of metrics_style default can; give each its own prefix");
        }

        if (!a.Buckets.AsSpan().SequenceEqual(b.Buckets) && SharesHistogram(a, b) is { } histogram)
        {
            throw new UsageException($"{what} but not histogram_buckets: {histogram} would have two bucket layouts; give both the same buckets");
        }

        if (!ConstantLabelsDiffer(a, b))
        {
            throw new UsageException($"{what} with identical label sets; set namespace_label in both (or a static label with a different value) to tell them apart");
        }
    }

    private static string? SharesHistogram(NamespaceSchema a, NamespaceSchema b)
    {
        foreach (var x in a.Histograms)
        {
            foreach (var y in b.Histograms)
            {
                if (x.Name == y.Name)
                {
                    return x.Name;
                }
            }
        }

        return null;
    }

    /// <summary>True when a label that both namespaces set on every series has a different value in each.</summary>
    private static bool ConstantLabelsDiffer(NamespaceSchema a, NamespaceSchema b)
    {
        foreach (var (name, value) in a.ConstLabels)
        {
            foreach (var (otherName, otherValue) in b.ConstLabels)
            {
                if (name == otherName && value != otherValue)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
