using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// Families whose names come from the node's files (e.g. /proc/vmstat fields), built once per name: a
/// scrape looks its names up by their characters without making a string once the name has been seen.
/// With a filter (e.g. --collector.vmstat.fields), whether a name is wanted is decided once per name too.
/// </summary>
internal sealed class FamilyCache
{
    private const int MaxEntries = 4096;

    // A null family: the name is not wanted.
    private readonly ConcurrentDictionary<string, MetricFamily?> _families = new(StringComparer.Ordinal);
    private readonly Func<string, MetricFamily> _create;
    private readonly Func<string, bool>? _wanted;

    /// <param name="create">Builds the family for a key the file gives.</param>
    /// <param name="wanted">Which keys to keep; null keeps every key.</param>
    public FamilyCache(Func<string, MetricFamily> create, Func<string, bool>? wanted = null)
    {
        _create = create;
        _wanted = wanted;
    }

    /// <summary>The family of a key this cache has no filter for.</summary>
    public MetricFamily Get(ReadOnlySpan<char> key) =>
        TryGet(key, out var family) ? family : throw new InvalidOperationException($"\"{key}\" is not a wanted name");

    /// <summary>The family of <paramref name="key"/>, or false when the filter does not want the key.</summary>
    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out MetricFamily? family)
    {
        var lookup = _families.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out family))
        {
            var text = new string(key);
            family = _wanted is null || _wanted(text) ? _create(text) : null;
            if (_families.Count < MaxEntries)
            {
                _families.TryAdd(text, family);
            }
        }

        return family is not null;
    }
}
