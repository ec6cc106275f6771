using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>A family read from a text file, with its samples in file order.</summary>
internal sealed class TextfileFamily
{
    public TextfileFamily(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string? Help { get; set; }

    public MetricType Type { get; set; } = MetricType.Untyped;

    public bool TypeGiven { get; set; }

    public List<TextfileSample> Samples { get; } = [];
}
