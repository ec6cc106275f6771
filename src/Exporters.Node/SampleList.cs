using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// Samples of families with one sample each, gathered in file order and written sorted by family name, as
/// node_exporter's registry orders them. Reused across scrapes by one collector at a time.
/// </summary>
internal sealed class SampleList
{
    private static readonly Comparison<(MetricFamily Family, double Value)> ByName =
        static (a, b) => string.CompareOrdinal(a.Family.Name, b.Family.Name);

    [ThreadStatic]
    private static SampleList? _forThisThread;

    private readonly List<(MetricFamily Family, double Value)> _samples = [];

    /// <summary>An empty list kept for the calling thread, so that a scrape does not grow a new one.</summary>
    public static SampleList ForThisThread()
    {
        var list = _forThisThread ??= new SampleList();
        list._samples.Clear();
        return list;
    }

    public void Add(MetricFamily family, double value) => _samples.Add((family, value));

    /// <summary>Writes the samples sorted by family name and empties the list.</summary>
    public void WriteSorted(ExpositionWriter writer)
    {
        _samples.Sort(ByName);
        foreach (var (family, value) in _samples)
        {
            writer.WriteSample(family, LabelSet.Empty, value);
        }

        _samples.Clear();
    }
}
