namespace Exporters.Merger.Exposition;

/// <summary>The samples one upstream gives a merged family; <see cref="Dropped"/> marks duplicates (null: none).</summary>
internal sealed class MergedPart
{
    public MergedPart(MergeSource source, ParsedFamily family)
    {
        Source = source;
        Family = family;
    }

    public MergeSource Source { get; }

    public ParsedFamily Family { get; }

    public bool[]? Dropped { get; set; }
}
