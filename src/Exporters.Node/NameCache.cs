using System.Collections.Concurrent;
using System.Text;

namespace Exporters.Node;

/// <summary>
/// Values made once per name a file gives (e.g. a disk's labels, or null for a disk left out): a scrape
/// looks names up by their UTF-8 bytes without making a string once the name has been seen. Safe to share
/// between concurrent scrapes; past <see cref="MaxEntries"/> names (devices come and go) it starts again.
/// </summary>
internal sealed class NameCache<T>
{
    public const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);
    private readonly Func<string, T> _create;

    /// <param name="create">Makes the value of a name.</param>
    public NameCache(Func<string, T> create)
    {
        _create = create;
    }

    public T Get(ReadOnlySpan<byte> name)
    {
        Span<char> chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var count = Encoding.UTF8.GetChars(name, chars);
        if (_values.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..count], out var value))
        {
            return value;
        }

        var text = new string(chars[..count]);
        value = _create(text);
        if (_values.Count >= MaxEntries)
        {
            _values.Clear();
        }

        _values.TryAdd(text, value);
        return value;
    }
}
