using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>
/// A thread-safe sink that counts lines. Optionally keeps their text, and for numbered lines (a decimal
/// number first) counts how often each number was seen, to find losses and duplicates.
/// </summary>
internal sealed class CountingSink : ILineSink
{
    private readonly int[]? _seen;
    private readonly bool _keepText;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<long> _tooLong = new();
    private long _count;
    private long _duplicates;
    private long _unnumbered;

    public CountingSink(int numberedCapacity = 0, bool keepText = true)
    {
        _seen = numberedCapacity > 0 ? new int[numberedCapacity] : null;
        _keepText = keepText;
    }

    public long Count => Interlocked.Read(ref _count);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Lines that carried no number in range, when counting numbers.</summary>
    public long Unnumbered => Interlocked.Read(ref _unnumbered);

    public IReadOnlyList<string> Lines => [.. _lines];

    public IReadOnlyList<long> TooLong => [.. _tooLong];

    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (_seen is not null)
        {
            if (Utf8Parser.TryParse(line, out int number, out _) && number >= 0 && number < _seen.Length)
            {
                if (Interlocked.Increment(ref _seen[number]) > 1)
                {
                    Interlocked.Increment(ref _duplicates);
                }
            }
            else
            {
                Interlocked.Increment(ref _unnumbered);
            }
        }

        if (_keepText)
        {
            _lines.Enqueue(Encoding.UTF8.GetString(line));
        }

        Interlocked.Increment(ref _count);
    }

    public void OnLineTooLong(long length) => _tooLong.Enqueue(length);

    /// <summary>How many numbers below <paramref name="limit"/> were seen exactly once.</summary>
    public int SeenOnce(int limit)
    {
        var once = 0;
        for (var i = 0; i < limit; i++)
        {
            if (Volatile.Read(ref _seen![i]) == 1)
            {
                once++;
            }
        }

        return once;
    }
}
