namespace Exporters.Node;

/// <summary>
/// The value last made from some bytes (a file's text, a system call's answer), made again only when the
/// bytes change: a scrape of a file that has not changed makes no strings or label sets. Safe to share
/// between concurrent scrapes.
/// </summary>
internal sealed class ContentCache<T>
{
    private Tuple<byte[], T>? _last;

    /// <param name="content">The bytes the value is made from.</param>
    /// <param name="make">Makes the value from a copy of the bytes, when they differ from the last ones.</param>
    public T Get(ReadOnlySpan<byte> content, Func<byte[], T> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        var last = Volatile.Read(ref _last);
        if (last is not null && content.SequenceEqual(last.Item1))
        {
            return last.Item2;
        }

        var bytes = content.ToArray();
        var value = make(bytes);
        Volatile.Write(ref _last, Tuple.Create(bytes, value));
        return value;
    }
}
