namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Cuts a syslog byte stream into messages in place: octet counting (<c>LEN SP MSG</c>) when a frame starts
/// with a digit, newline framing otherwise. Frames longer than the buffer are skipped as they arrive.
/// </summary>
internal sealed class StreamFramer
{
    private const int MaxLengthDigits = 9;

    private readonly SyslogReceiver _receiver;
    private readonly int _capacity;
    private long _skipBytes;
    private bool _skipToNewline;

    public StreamFramer(SyslogReceiver receiver, int capacity)
    {
        _receiver = receiver;
        _capacity = capacity;
    }

    /// <summary>Hands over every whole message in <c>buffer[..filled]</c>, moves the rest to the front and returns its length.</summary>
    public int Consume(byte[] buffer, int filled)
    {
        var at = 0;
        while (at < filled)
        {
            if (_skipBytes > 0)
            {
                var skip = (int)Math.Min(_skipBytes, filled - at);
                _skipBytes -= skip;
                at += skip;
                continue;
            }

            var rest = buffer.AsSpan(at, filled - at);
            if (_skipToNewline)
            {
                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return 0;
                }

                _skipToNewline = false;
                at += newline + 1;
                continue;
            }

            var used = char.IsAsciiDigit((char)rest[0]) ? OctetCounted(rest) : NewlineFramed(rest);
            if (used == 0)
            {
                break;
            }

            at += used;
        }

        var left = filled - at;
        if (left == _capacity)
        {
            // A newline-framed message longer than the buffer: drop what is here and the rest of it.
            _receiver.OnOversize();
            _skipToNewline = true;
            return 0;
        }

        buffer.AsSpan(at, left).CopyTo(buffer);
        return left;
    }

    /// <summary>At the end of the stream, a last message without its newline still counts.</summary>
    public void Finish(ReadOnlySpan<byte> rest)
    {
        if (_skipBytes == 0 && !_skipToNewline && !rest.IsEmpty)
        {
            _receiver.OnMessage(rest);
        }
    }

    /// <returns>Bytes used, or 0 when the frame is not all here yet.</returns>
    private int OctetCounted(ReadOnlySpan<byte> rest)
    {
        var space = rest[..Math.Min(rest.Length, MaxLengthDigits + 1)].IndexOf((byte)' ');
        if (space < 0)
        {
            if (rest.Length <= MaxLengthDigits)
            {
                return 0;
            }

            // Digits without a length: not octet counting after all.
            return NewlineFramed(rest);
        }

        long length = 0;
        foreach (var digit in rest[..space])
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return NewlineFramed(rest);
            }

            length = (length * 10) + (digit - '0');
        }

        var frame = space + 1 + length;
        if (frame > _capacity)
        {
            _receiver.OnOversize();
            _skipBytes = frame;
            return SkipNow(rest.Length);
        }

        if (rest.Length < frame)
        {
            return 0;
        }

        _receiver.OnMessage(rest.Slice(space + 1, (int)length));
        return (int)frame;
    }

    private int SkipNow(int available)
    {
        var skip = (int)Math.Min(_skipBytes, available);
        _skipBytes -= skip;
        return skip;
    }

    private int NewlineFramed(ReadOnlySpan<byte> rest)
    {
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return 0;
        }

        if (newline > 0)
        {
            _receiver.OnMessage(rest[..newline]);
        }

        return newline + 1;
    }
}
