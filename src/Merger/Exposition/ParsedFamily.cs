using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>A family of one upstream's page: its text-format name, HELP (unescaped), TYPE and samples. Reused between scrapes.</summary>
internal sealed class ParsedFamily
{
    public ParsedFamily(InternedText name)
    {
        NameText = name;
    }

    /// <summary>The text-format name: a counter's is the name of its samples (usually ending in _total).</summary>
    public string Name => NameText.Text;

    public InternedText NameText { get; set; }

    public string? Help => HelpText?.Text;

    public InternedText? HelpText { get; set; }

    public MetricType Type { get; set; } = MetricType.Untyped;

    public bool TypeSeen { get; set; }

    /// <summary>A family of a type the text format cannot carry (OpenMetrics gaugehistogram); left out.</summary>
    public bool Unsupported { get; set; }

    public List<ParsedSample> Samples { get; } = [];

    /// <summary>Makes this a new, empty family of the given name.</summary>
    public void Reset(InternedText name)
    {
        NameText = name;
        HelpText = null;
        Type = MetricType.Untyped;
        TypeSeen = false;
        Unsupported = false;
        Samples.Clear();
    }
}
