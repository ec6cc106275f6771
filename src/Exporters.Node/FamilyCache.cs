using System.Collections.Concurrent;
using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// Families whose names come from the node's files (e.g. /proc/vmstat fields), built once per name: a
/// scrape looks its names up by their characters without making a string once the name has been seen.
/// </summary>
internal sealed class FamilyCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Func<string, MetricFamily> _create;

    /// <param name="create">Builds the family for a key the file gives.</param>
    public FamilyCache(Func<string, MetricFamily> create)
    {
        _create = create;
    }

    public MetricFamily Get(ReadOnlySpan<char> key)
    {
        var lookup = _families.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var family))
        {
            return family;
        }

        var text = new string(key);
        family = _create(text);
        if (_families.Count < MaxEntries)
        {
            _families.TryAdd(text, family);
        }

        return family;
    }
}
