namespace Exporters.Merger.Exposition;

/// <summary>The samples one upstream gives a merged family; <see cref="Dropped"/> marks duplicates (null: none). Reused between scrapes.</summary>
internal sealed class MergedPart
{
    public MergedPart(MergeSource source, ParsedFamily family)
    {
        Source = source;
        Family = family;
    }

    public MergeSource Source { get; private set; }

    public ParsedFamily Family { get; private set; }

    public bool[]? Dropped { get; set; }

    public void Reset(MergeSource source, ParsedFamily family)
    {
        Source = source;
        Family = family;
        Dropped = null;
    }
}
