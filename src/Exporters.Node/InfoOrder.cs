using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// The order node_exporter's Go client gives the samples of one family: fewer labels first, then the label
/// values compared one by one in the order of the label names.
/// </summary>
internal static class InfoOrder
{
    /// <summary>Compares two label sets whose pairs are in label-name order.</summary>
    public static int Compare(LabelSet a, LabelSet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Pairs.Count != b.Pairs.Count)
        {
            return a.Pairs.Count.CompareTo(b.Pairs.Count);
        }

        for (var i = 0; i < a.Pairs.Count; i++)
        {
            var order = string.CompareOrdinal(a.Pairs[i].Value, b.Pairs[i].Value);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
