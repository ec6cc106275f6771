using System.Text;

namespace Exporters.Core.Exposition;

/// <summary>A set of label pairs encoded once as <c>a="x",b="y"</c>, in the order given.</summary>
public sealed class LabelSet
{
    private LabelSet(IReadOnlyList<KeyValuePair<string, string>> pairs, byte[] encoded)
    {
        Pairs = pairs;
        Encoded = encoded;
    }

    public static LabelSet Empty { get; } = new([], []);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    internal byte[] Encoded { get; }

    public static LabelSet Create(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var pair in pairs)
        {
            if (!MetricNames.IsValidLabelName(pair.Key))
            {
                throw new ArgumentException($"\"{pair.Key}\" is not a valid label name", nameof(pairs));
            }

            if (!names.Add(pair.Key))
            {
                throw new ArgumentException($"label \"{pair.Key}\" is given twice", nameof(pairs));
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(pair.Key).Append("=\"").Append(MetricNames.EscapeLabelValue(pair.Value)).Append('"');
            list.Add(pair);
        }

        return list.Count == 0 ? Empty : new LabelSet(list, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>This set followed by the given pairs.</summary>
    public LabelSet With(params KeyValuePair<string, string>[] more) => Create(Pairs.Concat(more));
}
