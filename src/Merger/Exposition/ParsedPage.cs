using System.Buffers;

namespace Exporters.Merger.Exposition;

/// <summary>
/// One upstream's page, parsed completely: its families in the order of the page, with samples that point
/// into the body. The body may be a pooled array, returned on Dispose with the page's lists and families.
/// </summary>
internal sealed class ParsedPage : IDisposable
{
    private readonly bool _pooled;
    private byte[] _body;
    private PageStorage? _storage;

    public ParsedPage(byte[] body, int length, bool pooled, PageStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _body = body;
        Length = length;
        _pooled = pooled;
        _storage = storage;
        Families = storage.Families;
        Labels = storage.Labels;
        Dropped = storage.Dropped;
        FirstDropped = storage.FirstDropped;
    }

    public ReadOnlySpan<byte> Body => _body.AsSpan(0, Length);

    /// <summary>The bytes of the page, and after them any label values the parser rewrote.</summary>
    public int Length { get; }

    public List<ParsedFamily> Families { get; }

    public List<LabelRef> Labels { get; }

    /// <summary>Sample lines left off the page, by <see cref="DropReason"/>.</summary>
    public int[] Dropped { get; }

    /// <summary>Why the first dropped line of each <see cref="DropReason"/> was dropped.</summary>
    public string?[] FirstDropped { get; }

    public int SampleCount
    {
        get
        {
            var count = 0;
            foreach (var family in Families)
            {
                count += family.Samples.Count;
            }

            return count;
        }
    }

    public void Dispose()
    {
        var body = _body;
        _body = [];
        Interlocked.Exchange(ref _storage, null)?.Return();
        if (_pooled && body.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
