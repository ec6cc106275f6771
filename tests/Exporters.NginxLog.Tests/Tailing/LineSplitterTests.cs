using System.Buffers;
using System.Text;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Tests.Tailing;

public sealed class LineSplitterTests
{
    private static readonly string[] Expected =
    [
        "127.0.0.1 - - [24/Nov/2026:02:00:00 +0000] \"GET / HTTP/1.1\" 200 612",
        "with crlf",
        "",
        "x",
        "10.0.0.2 - - [24/Nov/2026:02:00:01 +0000] \"POST /api HTTP/1.1\" 201 17",
    ];

    private static byte[] Content(string tail = "") =>
        Encoding.UTF8.GetBytes(Expected[0] + "\n" + Expected[1] + "\r\n" + "\n" + "x\r\n" + Expected[4] + "\n" + tail);

    [Fact]
    public void A_line_split_across_two_segments_at_any_byte_comes_out_identical()
    {
        var bytes = Content("unterminated");
        for (var split = 0; split <= bytes.Length; split++)
        {
            var sink = new CountingSink();
            var splitter = new LineSplitter(1024);
            var sequence = TwoSegments.Of(bytes, split);

            var position = splitter.Split(sequence, sink, out var lines, out var consumed, out var committed);

            Assert.Equal(Expected, sink.Lines);
            Assert.Equal(Expected.Length, lines);
            Assert.Equal(bytes.Length - "unterminated".Length, consumed);
            Assert.Equal(consumed, committed);
            Assert.Equal("unterminated", Encoding.UTF8.GetString(sequence.Slice(position).ToArray()));
        }
    }

    [Fact]
    public void An_unterminated_line_is_held_and_delivered_once_complete()
    {
        var sink = new CountingSink();
        var splitter = new LineSplitter(1024);

        splitter.Split(new ReadOnlySequence<byte>("first\nsec"u8.ToArray()), sink, out _, out var consumed, out _);
        Assert.Equal(["first"], sink.Lines);
        Assert.Equal(6, consumed);

        splitter.Split(new ReadOnlySequence<byte>("second\n"u8.ToArray()), sink, out var lines, out _, out _);
        Assert.Equal(1, lines);
        Assert.Equal(["first", "second"], sink.Lines);
    }

    [Fact]
    public void A_too_long_line_is_skipped_and_reported_and_the_next_one_is_fine()
    {
        var sink = new CountingSink();
        var splitter = new LineSplitter(10);
        var bytes = Encoding.UTF8.GetBytes(new string('a', 11) + "\n" + "0123456789\r\n" + "ok\n");

        splitter.Split(new ReadOnlySequence<byte>(bytes), sink, out var lines, out var consumed, out _);

        Assert.Equal(2, lines);
        Assert.Equal(["0123456789", "ok"], sink.Lines);
        Assert.Equal([11L], sink.TooLong);
        Assert.Equal(bytes.Length, consumed);
    }

    [Fact]
    public void A_too_long_line_arriving_in_pieces_is_discarded_without_being_kept()
    {
        var sink = new CountingSink();
        var splitter = new LineSplitter(10);
        var piece = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(new string('b', 25)));

        // Beyond the maximum the bytes are consumed (dropped), not kept for later.
        splitter.Split(piece, sink, out _, out var consumed, out var committed);
        Assert.Equal(25, consumed);
        Assert.Equal(0, committed);
        Assert.True(splitter.Discarding);

        splitter.Split(piece, sink, out _, out consumed, out _);
        Assert.Equal(25, consumed);

        splitter.Split(new ReadOnlySequence<byte>("bb\nnext\n"u8.ToArray()), sink, out var lines, out consumed, out committed);
        Assert.Equal(1, lines);
        Assert.Equal(8, consumed);
        Assert.Equal(8, committed);
        Assert.Equal([52L], sink.TooLong);
        Assert.Equal(["next"], sink.Lines);
        Assert.False(splitter.Discarding);
    }

    [Fact]
    public void Finish_delivers_the_unterminated_rest_as_the_last_line()
    {
        var sink = new CountingSink();
        var splitter = new LineSplitter(100);

        Assert.True(splitter.Finish(TwoSegments.Of("last\r"u8.ToArray(), 2), sink));
        Assert.False(splitter.Finish(ReadOnlySequence<byte>.Empty, sink));
        Assert.Equal(["last"], sink.Lines);
    }

    [Fact]
    public void Splitting_allocates_nothing_per_line()
    {
        var sink = new CountingSink(keepText: false);
        var splitter = new LineSplitter(1024);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Expected[0] + "\r\n", 1000)));
        var single = new ReadOnlySequence<byte>(bytes);
        var split = TwoSegments.Of(bytes, bytes.Length / 2 + 7);
        splitter.Split(single, sink, out _, out _, out _);
        splitter.Split(split, sink, out _, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            splitter.Split(single, sink, out _, out _, out _);
            splitter.Split(split, sink, out _, out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(22_000, sink.Count);
    }
}
