using System.Buffers;
using System.Runtime.CompilerServices;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// Cuts buffered bytes of one file into lines for a sink. A line inside one segment is handed over as a
/// span of that segment; a line spanning segments is first copied into a pooled buffer. An unterminated
/// last line is left unconsumed until its newline arrives. A line longer than the maximum is skipped whole:
/// once the unterminated bytes exceed the maximum they are consumed and counted, not kept, up to the next
/// newline. One instance per file; not thread-safe.
/// </summary>
internal sealed class LineSplitter
{
    private const byte NewLine = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private readonly int _maxLineBytes;
    private bool _discarding;
    private long _discarded;

    public LineSplitter(int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>True while the bytes of a too-long line are being skipped.</summary>
    public bool Discarding => _discarding;

    /// <summary>
    /// Delivers every complete line of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">The bytes not consumed yet.</param>
    /// <param name="sink">Receives the lines.</param>
    /// <param name="lines">Lines delivered.</param>
    /// <param name="consumed">Bytes of the buffer consumed: complete lines and skipped bytes of a too-long line.</param>
    /// <param name="committed">Bytes from the buffer's start through the last line ending seen (0 if none):
    /// where reading would resume if the rest were lost.</param>
    /// <returns>The position up to which the buffer is consumed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SequencePosition Split(in ReadOnlySequence<byte> buffer, ILineSink sink, out long lines, out long consumed, out long committed)
    {
        var reader = new SequenceReader<byte>(buffer);
        lines = 0;
        committed = 0;
        while (!reader.End)
        {
            if (_discarding)
            {
                var before = reader.Consumed;
                if (!reader.TryAdvanceTo(NewLine, advancePastDelimiter: true))
                {
                    _discarded += reader.Remaining;
                    reader.AdvanceToEnd();
                    break;
                }

                sink.OnLineTooLong(_discarded + (reader.Consumed - before - 1));
                _discarding = false;
                _discarded = 0;
                committed = reader.Consumed;
                continue;
            }

            if (reader.TryReadTo(out ReadOnlySequence<byte> line, NewLine, advancePastDelimiter: true))
            {
                if (Deliver(line, sink))
                {
                    lines++;
                }

                committed = reader.Consumed;
                continue;
            }

            // No newline in what is left. It may still end in "\r" before a newline, hence the + 1.
            if (reader.Remaining > (long)_maxLineBytes + 1)
            {
                _discarding = true;
                _discarded = reader.Remaining;
                reader.AdvanceToEnd();
            }

            break;
        }

        consumed = reader.Consumed;
        return reader.Position;
    }

    /// <summary>
    /// The file ended for good (it was rotated or truncated): an unterminated rest is its last line.
    /// Returns whether a line was delivered.
    /// </summary>
    public bool Finish(in ReadOnlySequence<byte> rest, ILineSink sink)
    {
        var delivered = false;
        if (_discarding)
        {
            sink.OnLineTooLong(_discarded + rest.Length);
        }
        else if (!rest.IsEmpty)
        {
            delivered = Deliver(rest, sink);
        }

        Reset();
        return delivered;
    }

    /// <summary>Forgets a too-long line being skipped, for the start of another file.</summary>
    public void Reset()
    {
        _discarding = false;
        _discarded = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Deliver(in ReadOnlySequence<byte> line, ILineSink sink)
    {
        var length = line.Length;
        var content = length;
        if (length > 0 && LastByte(line) == CarriageReturn)
        {
            content--;
        }

        if (content > _maxLineBytes)
        {
            sink.OnLineTooLong(length);
            return false;
        }

        if (line.IsSingleSegment)
        {
            sink.OnLine(line.FirstSpan[..(int)content]);
            return true;
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            line.CopyTo(rented);
            sink.OnLine(rented.AsSpan(0, (int)content));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return true;
    }

    private static byte LastByte(in ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            return line.FirstSpan[^1];
        }

        return line.Slice(line.Length - 1).FirstSpan[0];
    }
}
