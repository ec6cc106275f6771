namespace Exporters.Merger.Exposition;

/// <summary>
/// The lists and families of one parsed page, kept for the next page when it is disposed, so that parsing a
/// page like the last one allocates next to nothing. A few are pooled; very large ones are let go.
/// </summary>
internal sealed class PageStorage
{
    private const int PoolSize = 16;
    private const int LargestKeptLabels = 1 << 20;
    private static readonly Lock PoolLock = new();
    private static readonly Stack<PageStorage> Pool = new();

    private readonly Stack<ParsedFamily> _spare = new();

    public List<ParsedFamily> Families { get; } = [];

    public List<LabelRef> Labels { get; } = [];

    public Dictionary<InternedText, ParsedFamily> ByName { get; } = new(InternedTextComparer.Instance);

    /// <summary>Sample lines left off the page, by <see cref="DropReason"/>.</summary>
    public int[] Dropped { get; } = new int[DropReasons.Count];

    /// <summary>Why the first dropped line of each <see cref="DropReason"/> was dropped, with its line number.</summary>
    public string?[] FirstDropped { get; } = new string?[DropReasons.Count];

    public static PageStorage Rent()
    {
        lock (PoolLock)
        {
            if (Pool.TryPop(out var storage))
            {
                return storage;
            }
        }

        return new PageStorage();
    }

    /// <summary>A family to fill: a spare one, or a new one.</summary>
    public ParsedFamily NewFamily(InternedText name)
    {
        if (_spare.TryPop(out var family))
        {
            family.Reset(name);
            return family;
        }

        return new ParsedFamily(name);
    }

    /// <summary>Keeps a family taken off the page (so in <see cref="ByName"/> only) for the next page.</summary>
    public void Spare(ParsedFamily family) => _spare.Push(family);

    /// <summary>Empties this storage and gives it back to the pool.</summary>
    public void Return()
    {
        foreach (var family in Families)
        {
            _spare.Push(family);
        }

        Families.Clear();
        ByName.Clear();
        Array.Clear(Dropped);
        Array.Clear(FirstDropped);
        if (Labels.Capacity > LargestKeptLabels)
        {
            return;
        }

        Labels.Clear();
        lock (PoolLock)
        {
            if (Pool.Count < PoolSize)
            {
                Pool.Push(this);
            }
        }
    }
}
