namespace Exporters.Merger.Exposition;

/// <summary>
/// What one merge builds (families, parts, the name index and the series keys), kept for the next merge
/// when the merger is disposed. A few are pooled.
/// </summary>
internal sealed class MergeStorage
{
    private const int PoolSize = 8;
    private static readonly Lock PoolLock = new();
    private static readonly Stack<MergeStorage> Pool = new();

    private readonly Stack<MergedFamily> _spareFamilies = new();
    private readonly Stack<MergedPart> _spareParts = new();

    public Dictionary<InternedText, MergedFamily> ByName { get; } = new(InternedTextComparer.Instance);

    public List<MergedFamily> Families { get; } = [];

    public SeriesKeys Keys { get; } = new();

    /// <summary>Room for sorting <see cref="Families"/>; empty between merges.</summary>
    public List<MergedFamily> Scratch { get; } = [];

    /// <summary>The names of the last sorted merge's families, in the order they came.</summary>
    public List<InternedText> LastOrder { get; } = [];

    /// <summary>For each place of the last sorted merge, the index among <see cref="LastOrder"/> of the family sorted there.</summary>
    public List<int> LastPermutation { get; } = [];

    public static MergeStorage Rent()
    {
        lock (PoolLock)
        {
            if (Pool.TryPop(out var storage))
            {
                return storage;
            }
        }

        return new MergeStorage();
    }

    public MergedFamily NewFamily(InternedText name, Core.Exposition.MetricType type, InternedText? help)
    {
        if (_spareFamilies.TryPop(out var family))
        {
            family.Reset(name, type, help);
            return family;
        }

        return new MergedFamily(name, type, help);
    }

    public MergedPart NewPart(MergeSource source, ParsedFamily family)
    {
        if (_spareParts.TryPop(out var part))
        {
            part.Reset(source, family);
            return part;
        }

        return new MergedPart(source, family);
    }

    /// <summary>Empties this storage (dropping its references to pages) and gives it back to the pool.</summary>
    public void Return()
    {
        foreach (var family in Families)
        {
            foreach (var part in family.Parts)
            {
                part.Reset(null!, null!);
                _spareParts.Push(part);
            }

            family.Parts.Clear();
            _spareFamilies.Push(family);
        }

        Families.Clear();
        ByName.Clear();
        Keys.Reset();
        lock (PoolLock)
        {
            if (Pool.Count < PoolSize)
            {
                Pool.Push(this);
                return;
            }
        }

        Keys.Dispose();
    }
}
