using System.Buffers;

namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>A sequence segment, to cut bytes into a two-segment sequence the way a pipe hands them over.</summary>
internal sealed class TwoSegments : ReadOnlySequenceSegment<byte>
{
    private TwoSegments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The bytes as two segments, the first holding <paramref name="split"/> bytes (either may be empty).</summary>
    public static ReadOnlySequence<byte> Of(byte[] bytes, int split)
    {
        // Separate arrays, so that reading past a segment's end could not go unnoticed.
        var first = new TwoSegments(bytes.AsSpan(0, split).ToArray(), 0);
        var second = new TwoSegments(bytes.AsSpan(split).ToArray(), split);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
