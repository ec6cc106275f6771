using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>A family of the merged page: one HELP, one TYPE, the parts of every upstream that has it.</summary>
internal sealed class MergedFamily
{
    public MergedFamily(string name, MetricType type, string? help)
    {
        Name = name;
        Type = type;
        Help = help;
    }

    public string Name { get; }

    public MetricType Type { get; }

    public string? Help { get; set; }

    public List<MergedPart> Parts { get; } = [];
}
