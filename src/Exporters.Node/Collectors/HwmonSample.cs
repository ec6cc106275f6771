using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>One hwmon sample before the scrape's samples are sorted as node_exporter's registry sorts them.</summary>
internal readonly record struct HwmonSample(MetricFamily Family, LabelSet Labels, double Value)
{
    /// <summary>By family name, then by label values in label name order.</summary>
    public static int Compare(HwmonSample a, HwmonSample b)
    {
        var byName = string.CompareOrdinal(a.Family.Name, b.Family.Name);
        if (byName != 0)
        {
            return byName;
        }

        var left = a.Labels.Pairs;
        var right = b.Labels.Pairs;
        for (var i = 0; i < left.Count && i < right.Count; i++)
        {
            var byValue = string.CompareOrdinal(left[i].Value, right[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return left.Count - right.Count;
    }
}
