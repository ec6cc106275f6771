using System.Collections.Concurrent;
using System.Text;

namespace Exporters.Merger.Exposition;

/// <summary>
/// Family names and HELP texts by their bytes on the page, so that a page like the last one makes no new
/// strings. Bounded: past <see cref="MaxEntries"/> a table starts over. Safe for concurrent parsers; a
/// lookup of a known text takes no lock.
/// </summary>
internal static class TextInterner
{
    public const int MaxEntries = 50_000;

    private static readonly Table Names = new();
    private static readonly Table Help004 = new();
    private static readonly Table HelpOpenMetrics = new();

    /// <summary>A metric name given as UTF-8 bytes.</summary>
    public static InternedText Name(ReadOnlySpan<byte> utf8) => Names.Get(utf8, static bytes => Encoding.UTF8.GetString(bytes));

    /// <summary>A metric name given as a string.</summary>
    public static InternedText Name(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = length <= 256 ? stackalloc byte[256] : new byte[length];
        var written = Encoding.UTF8.GetBytes(text, buffer);
        return Name(buffer[..written]);
    }

    /// <summary>A HELP text as it stands on the page (escaped); null when its escapes are invalid.</summary>
    public static InternedText? Help(ReadOnlySpan<byte> escaped, bool openMetrics, Func<ReadOnlySpan<byte>, bool, string?> unescape) =>
        (openMetrics ? HelpOpenMetrics : Help004).TryGet(escaped, openMetrics, unescape);

    private sealed class Table
    {
        private readonly Lock _lock = new();
        private readonly ConcurrentDictionary<ulong, Entry> _entries = new();

        public InternedText Get(ReadOnlySpan<byte> key, Func<byte[], string> make)
        {
            var hash = SeriesKeys.Hash(key);
            if (_entries.TryGetValue(hash, out var found) && found.Key.AsSpan().SequenceEqual(key))
            {
                return found.Value;
            }

            var bytes = key.ToArray();
            var text = new InternedText(make(bytes), bytes);
            Store(hash, new Entry(bytes, text));
            return text;
        }

        public InternedText? TryGet(ReadOnlySpan<byte> key, bool openMetrics, Func<ReadOnlySpan<byte>, bool, string?> make)
        {
            var hash = SeriesKeys.Hash(key);
            if (_entries.TryGetValue(hash, out var found) && found.Key.AsSpan().SequenceEqual(key))
            {
                return found.Value;
            }

            var value = make(key, openMetrics);
            if (value is null)
            {
                return null;
            }

            var text = new InternedText(value, Encoding.UTF8.GetBytes(value));
            Store(hash, new Entry(key.ToArray(), text));
            return text;
        }

        private void Store(ulong hash, Entry entry)
        {
            lock (_lock)
            {
                if (_entries.Count >= MaxEntries)
                {
                    _entries.Clear();
                }

                // On a hash collision the newer text takes the slot; the older one is made again when next seen.
                _entries[hash] = entry;
            }
        }
    }

    private sealed record Entry(byte[] Key, InternedText Value);
}
