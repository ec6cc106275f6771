using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>Labels added to every sample of one upstream (unless a sample has the label), encoded once.</summary>
internal sealed class UpstreamLabels
{
    private UpstreamLabels(byte[][] names, byte[][] values)
    {
        Names = names;
        Values = values;
    }

    public static UpstreamLabels Empty { get; } = new([], []);

    /// <summary>Label names, in the order given.</summary>
    public byte[][] Names { get; }

    /// <summary>Label values, escaped as in a label set.</summary>
    public byte[][] Values { get; }

    public int Count => Names.Length;

    public static UpstreamLabels Create(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var names = new List<byte[]>();
        var values = new List<byte[]>();
        foreach (var (name, value) in labels)
        {
            if (!MetricNames.IsValidLabelName(name))
            {
                throw new ArgumentException($"\"{name}\" is not a valid label name", nameof(labels));
            }

            names.Add(Encoding.UTF8.GetBytes(name));
            values.Add(Encoding.UTF8.GetBytes(MetricNames.EscapeLabelValue(value)));
        }

        return names.Count == 0 ? Empty : new UpstreamLabels([.. names], [.. values]);
    }

    /// <summary>This set with one more label, unless it has that name already.</summary>
    public UpstreamLabels With(string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        foreach (var existing in Names)
        {
            if (existing.AsSpan().SequenceEqual(bytes))
            {
                return this;
            }
        }

        return new UpstreamLabels([.. Names, bytes], [.. Values, Encoding.UTF8.GetBytes(MetricNames.EscapeLabelValue(value))]);
    }
}
