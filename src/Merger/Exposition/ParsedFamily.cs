using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>A family of one upstream's page: its text-format name, HELP (unescaped), TYPE and samples.</summary>
internal sealed class ParsedFamily
{
    public ParsedFamily(string name)
    {
        Name = name;
    }

    /// <summary>The text-format name: a counter's is the name of its samples (usually ending in _total).</summary>
    public string Name { get; set; }

    public string? Help { get; set; }

    public MetricType Type { get; set; } = MetricType.Untyped;

    public bool TypeSeen { get; set; }

    /// <summary>A family of a type the text format cannot carry (OpenMetrics gaugehistogram); left out.</summary>
    public bool Unsupported { get; set; }

    public List<ParsedSample> Samples { get; } = [];
}
