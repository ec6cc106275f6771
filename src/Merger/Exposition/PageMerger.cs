using System.Runtime.InteropServices;

namespace Exporters.Merger.Exposition;

/// <summary>
/// Merges parsed pages, in upstream order: families of one name share the HELP and TYPE taken first and
/// keep all their samples together; a family whose TYPE differs, or whose name the merger itself exposes,
/// is dropped, as is a sample whose name and labels were already taken. Then the families are sorted.
/// </summary>
internal sealed class PageMerger : IDisposable
{
    private readonly Dictionary<InternedText, MergedFamily> _byName;
    private readonly List<MergedFamily> _families;
    private readonly Func<InternedText, bool> _reserved;
    private readonly Action<string, string, ConflictKind> _onConflict;
    private readonly SeriesKeys _keys;
    private MergeStorage? _storage;

    /// <param name="reserved">Names of families the merger writes itself; upstreams' families of these names are dropped.</param>
    /// <param name="onConflict">Told of each dropped family or sample: family name, upstream, why.</param>
    public PageMerger(Func<InternedText, bool> reserved, Action<string, string, ConflictKind> onConflict)
    {
        _reserved = reserved;
        _onConflict = onConflict;
        _storage = MergeStorage.Rent();
        _byName = _storage.ByName;
        _families = _storage.Families;
        _keys = _storage.Keys;
    }

    /// <summary>The merged families; sorted by name once <see cref="Complete"/> has run.</summary>
    public IReadOnlyList<MergedFamily> Families => _families;

    /// <summary>Adds an upstream's page; call in upstream order.</summary>
    public void Add(MergeSource source) => Add(source, own: false);

    /// <summary>Adds the merger's own families, which the reserved names were kept free for.</summary>
    public void AddOwn(MergeSource source) => Add(source, own: true);

    /// <summary>Gives the merge's families and parts back for the next merge; <see cref="Families"/> is empty after.</summary>
    public void Dispose() => Interlocked.Exchange(ref _storage, null)?.Return();

    /// <summary>
    /// Sorts the families by name. When they come in the same order as in the last merge sorted with this
    /// storage (the same pages again), that merge's order is taken without comparing a name. Otherwise they
    /// come as one ascending run per page (pages are mostly sorted), so runs next to each other are merged
    /// until one is left: a merge of sorted pages costs a few passes.
    /// </summary>
    public void Complete()
    {
        ResolveNames();
        if (Reorder() || RunEnd(CollectionsMarshal.AsSpan(_families), 0) >= _families.Count)
        {
            return;
        }

        var families = CollectionsMarshal.AsSpan(_families);
        for (var i = 0; i < families.Length; i++)
        {
            families[i].InputIndex = i;
        }

        Sort();
        Remember();
    }

    /// <summary>
    /// Keeps every sample name on the page once: a family named as the <c>_bucket</c>, <c>_sum</c> or
    /// <c>_count</c> samples of a histogram or summary is left out (counted as a conflict). For OpenMetrics,
    /// a counter whose OpenMetrics names another family has, or that lacks <c>_total</c>, is marked to be
    /// written as <c>unknown</c>, and a family named as a histogram's or summary's <c>_created</c> to be left out.
    /// </summary>
    private void ResolveNames()
    {
        var lookup = _byName.GetAlternateLookup<ReadOnlySpan<byte>>();
        for (var f = _families.Count - 1; f >= 0; f--)
        {
            var family = _families[f];
            if (SampleOwner(lookup, family.NameText.Utf8) is not null)
            {
                Conflict(family, ConflictKind.NameClash);
                _byName.Remove(family.NameText);
                _families.RemoveAt(f);
            }
        }

        Span<byte> buffer = stackalloc byte[256];
        foreach (var family in _families)
        {
            var name = family.NameText.Utf8.AsSpan();
            if (family.Type == Core.Exposition.MetricType.Counter)
            {
                family.OpenMetricsUnknown = !name.EndsWith("_total"u8)
                    || IsTaken(lookup, name[..^6], family)
                    || IsTaken(lookup, Suffixed(buffer, name[..^6], "_created"u8), family);
            }
            else if (family.Type is Core.Exposition.MetricType.Histogram or Core.Exposition.MetricType.Summary
                && lookup.TryGetValue(Suffixed(buffer, name, "_created"u8), out var created)
                && !created.OpenMetricsLeftOut)
            {
                created.OpenMetricsLeftOut = true;
                Conflict(created, ConflictKind.NameClash);
            }
        }
    }

    private void Conflict(MergedFamily family, ConflictKind kind)
    {
        foreach (var part in family.Parts)
        {
            _onConflict(family.Name, part.Source.Upstream, kind);
        }
    }

    /// <summary>The bytes of <paramref name="name"/> and <paramref name="suffix"/> in <paramref name="buffer"/>; empty when longer.</summary>
    private static ReadOnlySpan<byte> Suffixed(Span<byte> buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix)
    {
        if (name.Length + suffix.Length > buffer.Length)
        {
            return default;
        }

        name.CopyTo(buffer);
        suffix.CopyTo(buffer[name.Length..]);
        return buffer[..(name.Length + suffix.Length)];
    }

    /// <summary>True when a family other than <paramref name="self"/> is named so or writes samples of that name.</summary>
    private static bool IsTaken(Dictionary<InternedText, MergedFamily>.AlternateLookup<ReadOnlySpan<byte>> lookup, ReadOnlySpan<byte> name, MergedFamily self)
    {
        if (name.IsEmpty)
        {
            // Too long to look up: taken, to be safe.
            return true;
        }

        return (lookup.TryGetValue(name, out var family) && !ReferenceEquals(family, self)) || SampleOwner(lookup, name) is { } owner && !ReferenceEquals(owner, self);
    }

    /// <summary>The histogram or summary whose <c>_bucket</c>, <c>_sum</c> or <c>_count</c> samples have this name; null if none.</summary>
    private static MergedFamily? SampleOwner(Dictionary<InternedText, MergedFamily>.AlternateLookup<ReadOnlySpan<byte>> lookup, ReadOnlySpan<byte> name)
    {
        var histogramOnly = name.EndsWith("_bucket"u8);
        var length = histogramOnly ? 7 : name.EndsWith("_count"u8) ? 6 : name.EndsWith("_sum"u8) ? 4 : 0;
        if (length == 0 || !lookup.TryGetValue(name[..^length], out var owner))
        {
            return null;
        }

        return owner.Type == Core.Exposition.MetricType.Histogram || (owner.Type == Core.Exposition.MetricType.Summary && !histogramOnly) ? owner : null;
    }

    /// <summary>Puts the families in the last merge's sorted order when they came in its order; false otherwise.</summary>
    private bool Reorder()
    {
        var storage = _storage!;
        var order = CollectionsMarshal.AsSpan(storage.LastOrder);
        var families = CollectionsMarshal.AsSpan(_families);
        if (order.Length != families.Length)
        {
            return false;
        }

        for (var i = 0; i < families.Length; i++)
        {
            if (!ReferenceEquals(order[i], families[i].NameText))
            {
                return false;
            }
        }

        var scratch = storage.Scratch;
        CollectionsMarshal.SetCount(scratch, families.Length);
        var to = CollectionsMarshal.AsSpan(scratch);
        var permutation = CollectionsMarshal.AsSpan(storage.LastPermutation);
        for (var k = 0; k < to.Length; k++)
        {
            to[k] = families[permutation[k]];
        }

        to.CopyTo(families);
        scratch.Clear();
        return true;
    }

    private void Remember()
    {
        var storage = _storage!;
        var families = CollectionsMarshal.AsSpan(_families);
        var order = storage.LastOrder;
        var permutation = storage.LastPermutation;
        CollectionsMarshal.SetCount(order, families.Length);
        CollectionsMarshal.SetCount(permutation, families.Length);
        var orderSpan = CollectionsMarshal.AsSpan(order);
        var permutationSpan = CollectionsMarshal.AsSpan(permutation);
        for (var k = 0; k < families.Length; k++)
        {
            var index = families[k].InputIndex;
            orderSpan[index] = families[k].NameText;
            permutationSpan[k] = index;
        }
    }

    private void Sort()
    {
        var scratch = _storage!.Scratch;
        var count = _families.Count;
        CollectionsMarshal.SetCount(scratch, count);
        var from = CollectionsMarshal.AsSpan(_families);
        var to = CollectionsMarshal.AsSpan(scratch);
        var inScratch = false;
        while (true)
        {
            var runs = 0;
            for (var i = 0; i < count; runs++)
            {
                var middle = RunEnd(from, i);
                var end = middle < count ? RunEnd(from, middle) : count;
                MergeRuns(from, i, middle, end, to);
                i = end;
            }

            var swap = from;
            from = to;
            to = swap;
            inScratch = !inScratch;
            if (runs == 1)
            {
                break;
            }
        }

        if (inScratch)
        {
            from.CopyTo(CollectionsMarshal.AsSpan(_families));
        }

        scratch.Clear();
    }

    private void Add(MergeSource source, bool own)
    {
        MergeSource? exporterOwn = null;
        foreach (var family in source.Page.Families)
        {
            if (!own && _reserved(family.NameText))
            {
                _onConflict(family.Name, source.Upstream, ConflictKind.ReservedName);
                continue;
            }

            if (_byName.TryGetValue(family.NameText, out var merged))
            {
                if (merged.Type != family.Type)
                {
                    _onConflict(family.Name, source.Upstream, ConflictKind.TypeClash);
                    continue;
                }

                merged.HelpText ??= family.HelpText;
            }
            else
            {
                merged = _storage!.NewFamily(family.NameText, family.Type, family.HelpText);
                _byName[family.NameText] = merged;
                _families.Add(merged);
            }

            var from = source;
            if (source.OwnFamilyLabels is { } ownLabels && MergeSource.IsExporterOwn(family.NameText.Utf8))
            {
                from = exporterOwn ??= source with { Labels = ownLabels };
            }

            var part = _storage!.NewPart(from, family);
            MarkDuplicates(merged, part);
            merged.Parts.Add(part);
        }
    }

    private void MarkDuplicates(MergedFamily merged, MergedPart part)
    {
        if (merged.Parts.Count == 0)
        {
            if (part.Family.Samples.Count < 2)
            {
                // Nothing to clash with yet; should another upstream bring this family, its keys are rebuilt below.
                return;
            }

            // The family's first part: only duplicates within one page are possible, checked the same way.
            _keys.Reset();
        }
        else if (!ReferenceEquals(_keys.Owner, merged))
        {
            // Keys of an earlier family were dropped to keep memory flat; rebuild this family's.
            _keys.Reset();
            foreach (var earlier in merged.Parts)
            {
                var samples = earlier.Family.Samples;
                for (var i = 0; i < samples.Count; i++)
                {
                    if (earlier.Dropped is null || !earlier.Dropped[i])
                    {
                        _keys.TryAdd(earlier.Source, samples[i]);
                    }
                }
            }
        }

        _keys.Owner = merged;
        var list = part.Family.Samples;
        for (var i = 0; i < list.Count; i++)
        {
            if (!_keys.TryAdd(part.Source, list[i]))
            {
                part.Dropped ??= new bool[list.Count];
                part.Dropped[i] = true;
                _onConflict(merged.Name, part.Source.Upstream, ConflictKind.DuplicateSample);
            }
        }
    }

    /// <summary>Where the ascending run that starts at <paramref name="start"/> ends.</summary>
    private static int RunEnd(Span<MergedFamily> families, int start)
    {
        var i = start + 1;
        while (i < families.Length && string.CompareOrdinal(families[i - 1].Name, families[i].Name) <= 0)
        {
            i++;
        }

        return Math.Min(i, families.Length);
    }

    private static void MergeRuns(Span<MergedFamily> from, int start, int middle, int end, Span<MergedFamily> to)
    {
        var left = start;
        var right = middle;
        for (var k = start; k < end; k++)
        {
            if (right >= end || (left < middle && string.CompareOrdinal(from[left].Name, from[right].Name) <= 0))
            {
                to[k] = from[left++];
            }
            else
            {
                to[k] = from[right++];
            }
        }
    }
}
