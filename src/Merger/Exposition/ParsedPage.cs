using System.Buffers;

namespace Exporters.Merger.Exposition;

/// <summary>
/// One upstream's page, parsed completely: its families in the order of the page, with samples that point
/// into the body. The body may be a pooled array, returned on Dispose.
/// </summary>
internal sealed class ParsedPage : IDisposable
{
    private byte[] _body;
    private readonly bool _pooled;

    public ParsedPage(byte[] body, int length, bool pooled, List<ParsedFamily> families, List<LabelRef> labels)
    {
        _body = body;
        Length = length;
        _pooled = pooled;
        Families = families;
        Labels = labels;
    }

    public ReadOnlySpan<byte> Body => _body.AsSpan(0, Length);

    public int Length { get; }

    public List<ParsedFamily> Families { get; }

    public List<LabelRef> Labels { get; }

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
        if (_pooled && body.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
