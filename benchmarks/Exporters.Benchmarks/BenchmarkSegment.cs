using System.Buffers;

namespace Exporters.Benchmarks;

/// <summary>One segment of a multi-segment sequence, as a pipe hands over bytes that cross a buffer boundary.</summary>
internal sealed class BenchmarkSegment : ReadOnlySequenceSegment<byte>
{
    private BenchmarkSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The bytes as two segments, the first holding <paramref name="split"/> bytes.</summary>
    public static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new BenchmarkSegment(bytes.AsMemory(0, split), 0);
        var second = new BenchmarkSegment(bytes.AsMemory(split), split);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
