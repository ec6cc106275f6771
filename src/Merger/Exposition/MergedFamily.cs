using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>A family of the merged page: one HELP, one TYPE, the parts of every upstream that has it. Reused between scrapes.</summary>
internal sealed class MergedFamily
{
    public MergedFamily(InternedText name, MetricType type, InternedText? help)
    {
        NameText = name;
        Type = type;
        HelpText = help;
    }

    public string Name => NameText.Text;

    public InternedText NameText { get; private set; }

    public MetricType Type { get; private set; }

    public string? Help => HelpText?.Text;

    public InternedText? HelpText { get; set; }

    public List<MergedPart> Parts { get; } = [];

    /// <summary>
    /// In OpenMetrics, written as <c>unknown</c> under its text name with its samples' text names: a counter
    /// whose OpenMetrics names (the name without <c>_total</c>, and <c>_created</c>) another family has.
    /// </summary>
    public bool OpenMetricsUnknown { get; set; }

    /// <summary>Left out of OpenMetrics: the family is named as the <c>_created</c> samples of a histogram or summary.</summary>
    public bool OpenMetricsLeftOut { get; set; }

    /// <summary>Where the family stood among the merge's families before sorting.</summary>
    public int InputIndex { get; set; }

    /// <summary>Makes this a new family without parts.</summary>
    public void Reset(InternedText name, MetricType type, InternedText? help)
    {
        NameText = name;
        Type = type;
        HelpText = help;
        OpenMetricsUnknown = false;
        OpenMetricsLeftOut = false;
        Parts.Clear();
    }
}
