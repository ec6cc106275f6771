using System.Collections.Concurrent;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// Label sets with one label, built once per value: a scrape looks its values up by their bytes without
/// making a string once the value has been seen.
/// </summary>
internal sealed class LabelCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, LabelSet> _sets = new(StringComparer.Ordinal);
    private readonly string _name;

    public LabelCache(string name)
    {
        _name = name;
    }

    public LabelSet Get(ReadOnlySpan<byte> value)
    {
        Span<char> chars = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var count = Encoding.UTF8.GetChars(value, chars);
        var lookup = _sets.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..count], out var set))
        {
            return set;
        }

        var text = new string(chars[..count]);
        set = LabelSet.Create([new(_name, text)]);
        if (_sets.Count < MaxEntries)
        {
            _sets.TryAdd(text, set);
        }

        return set;
    }

    public LabelSet Get(string value) => _sets.TryGetValue(value, out var set) ? set : Get(Encoding.UTF8.GetBytes(value));
}
