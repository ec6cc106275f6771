using System.Text;
using Exporters.NginxLog.Tailing;
using Exporters.Testing;
using Serilog.Events;

namespace Exporters.NginxLog.Tests.Tailing;

[Collection(TailerCollection.Name)]
public sealed class LogTailerTests : IDisposable
{
    private readonly TempDirectory _dir = new("exporters-tailer-");

    public void Dispose() => _dir.Dispose();

    private static TailOptions Options(StartPosition startAt, params string[] files) => new()
    {
        Files = files,
        StartAt = startAt,
        PollInterval = TimeSpan.FromMilliseconds(50),
        GlobInterval = TimeSpan.FromMilliseconds(100),
    };

    private static void Append(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Waits until the tailer has opened the file it found at start.</summary>
    private static void WaitFollowing(TailerRun run, string path) =>
        Wait.Until(() => run.Log.Events.Any(e => e.MessageTemplate.Text.StartsWith("Following", StringComparison.Ordinal)
                && e.Properties.TryGetValue("Path", out var value) && value is ScalarValue { Value: string p } && p == path),
            () => $"the tailer to open {path}");

    private static void WaitLogged(TailerRun run, string fragment) =>
        Wait.Until(() => run.Log.Events.Any(e => e.MessageTemplate.Text.Contains(fragment, StringComparison.Ordinal)),
            () => $"a log event containing \"{fragment}\"");

    private static void WaitRendered(TailerRun run, string fragment) =>
        Wait.Until(() => run.Log.Events.Any(e => e.RenderMessage().Contains(fragment, StringComparison.Ordinal)),
            () => $"a log event reading \"{fragment}\"");

    [Fact]
    public async Task A_partial_last_line_is_held_until_its_newline_arrives()
    {
        var path = _dir.File("access.log");
        Append(path, "one\ntwo-");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);

        // All eight bytes were read, yet only the complete line is out and the offset stops after it.
        Wait.Until(() => run.Status.BytesRead == 8 && sink.Count == 1, () => $"{run.Status}");
        Assert.Equal(["one"], sink.Lines);
        Assert.Equal(4, run.Status.Offset);

        Append(path, "part");
        Wait.Until(() => run.Status.BytesRead == 12, () => $"{run.Status}");
        Assert.Equal(1, sink.Count);

        Append(path, "\r\nthree\n");
        Wait.Until(() => sink.Count == 3, () => $"{sink.Count} lines");
        Assert.Equal(["one", "two-part", "three"], sink.Lines);
        Wait.Until(() => run.Status.Offset == new FileInfo(path).Length, () => $"{run.Status}");
        Assert.Equal(3, run.Status.LinesRead);
    }

    [Fact]
    public async Task Crlf_endings_lose_their_carriage_return()
    {
        var path = _dir.File("access.log");
        Append(path, "a\r\nb\r\n\r\nc\rd\n");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);

        Wait.Until(() => sink.Count == 4, () => $"{sink.Count} lines");
        Assert.Equal(["a", "b", "", "c\rd"], sink.Lines);
    }

    [Fact]
    public async Task A_too_long_line_is_skipped_and_reported_and_the_next_line_is_fine()
    {
        var path = _dir.File("access.log");
        Append(path, "");
        var sink = new CountingSink();
        var options = new TailOptions
        {
            Files = [path],
            StartAt = StartPosition.Beginning,
            MaxLineBytes = 100,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        await using var run = new TailerRun(options, sink);
        WaitFollowing(run, path);

        Append(path, new string('x', 1000) + "\nfine\n");
        Wait.Until(() => sink.Count == 1, () => $"{sink.Count} lines");

        // A long line written in pieces, each read on its own: dropped as it comes, reported once whole.
        for (var i = 0; i < 5; i++)
        {
            Append(path, new string('y', 80));
            var expected = new FileInfo(path).Length;
            Wait.Until(() => run.Status.BytesRead == expected, () => $"{run.Status}");
        }

        Append(path, "\nafter\n");
        Wait.Until(() => sink.Count == 2, () => $"{sink.Count} lines");
        Assert.Equal(["fine", "after"], sink.Lines);
        Assert.Equal([1000L, 400L], sink.TooLong);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_existing_at_start_begins_where_configured(bool fromBeginning)
    {
        var startAt = fromBeginning ? StartPosition.Beginning : StartPosition.End;
        var path = _dir.File("access.log");
        Append(path, "old 1\nold 2\npart");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(startAt, path), sink);
        WaitFollowing(run, path);

        // At the end means after the last complete line: a line being written is read whole.
        Append(path, "ial\nnew\n");
        var expected = startAt == StartPosition.End ? new[] { "partial", "new" } : ["old 1", "old 2", "partial", "new"];
        Wait.Until(() => sink.Count == expected.Length, () => $"{sink.Count} lines");
        Wait.Until(() => run.Status.Offset == new FileInfo(path).Length, () => $"{run.Status}");
        Assert.Equal(expected, sink.Lines);
    }

    [Fact]
    public async Task Status_names_the_path_as_configured_and_shows_the_lag()
    {
        Directory.CreateDirectory(_dir.File("sub"));
        var configured = _dir.File("sub/../access.log");
        var path = _dir.File("access.log");
        Append(path, "one\ntwo\n");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.Beginning, configured), sink);

        Wait.Until(() => sink.Count == 2, () => $"{sink.Count} lines");
        Wait.Until(() => run.Status.Offset == 8, () => $"{run.Status}");
        Assert.Equal(new FileStatus(configured, 8, 8, 2, 8, 0), run.Status);
    }

    [Fact]
    public async Task A_file_created_after_start_is_read_from_its_beginning()
    {
        var path = _dir.File("later.log");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.End, path), sink);
        WaitLogged(run, "Waiting for");

        Append(path, "first\nsecond\n");
        Wait.Until(() => sink.Count == 2, () => $"{sink.Count} lines");
        Assert.Equal(["first", "second"], sink.Lines);
        WaitLogged(run, "appeared");
    }

    [Fact]
    public async Task A_directory_fifo_or_socket_at_the_path_is_named_once_per_change_and_a_regular_file_is_followed()
    {
        var path = _dir.File("access.log");
        Append(path, "old\n");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);
        Wait.Until(() => sink.Count == 1, () => $"{sink.Count} lines");

        // A directory where the file should be cannot be followed, even by root; many polls later it is named once.
        File.Delete(path);
        Directory.CreateDirectory(path);
        WaitRendered(run, "a directory");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Directory.Delete(path);

        SpecialFiles.MakeFifo(path);
        WaitRendered(run, "a FIFO");
        await Task.Delay(TimeSpan.FromSeconds(1));
        File.Delete(path);

        using (SpecialFiles.BindSocket(path))
        {
            WaitRendered(run, "a unix socket");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        File.Delete(path);
        Append(path, "now a file\nand more\n");
        Wait.Until(() => sink.Count == 3, () => $"{sink.Count} lines");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Equal(["old", "now a file", "and more"], sink.Lines);
        string[] warnings = [.. run.Log.Events.Where(e => e.Level == LogEventLevel.Warning).Select(e => e.RenderMessage())];
        Assert.Equal(
            [
                $"\"{path}\" is \"a directory\", not a regular file; skipping it until a regular file is there",
                $"\"{path}\" is \"a FIFO (named pipe)\", not a regular file; skipping it until a regular file is there",
                $"\"{path}\" is \"a unix socket\", not a regular file; skipping it until a regular file is there",
            ],
            warnings);
        Assert.DoesNotContain(run.Log.Events, e => e.RenderMessage().Contains("denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fifo_with_a_writer_at_start_is_never_read_and_the_tailer_stops()
    {
        var path = _dir.File("access.log");
        SpecialFiles.MakeFifo(path);

        // Opened for reading and writing, the FIFO has a writer and lines waiting in it.
        using var fifo = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        fifo.Write("from the fifo\n"u8);
        fifo.Flush();
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);
        WaitRendered(run, "a FIFO");

        File.Delete(path);
        Append(path, "regular\n");
        Wait.Until(() => sink.Count == 1, () => $"{sink.Count} lines");
        Assert.Equal(["regular"], sink.Lines);

        File.Delete(path);
        SpecialFiles.MakeFifo(path);
        WaitLogged(run, "skipping it");
        await run.StopAsync();
        Assert.Equal(["regular"], sink.Lines);
        Assert.DoesNotContain(run.Log.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task A_glob_picks_up_a_new_file_and_reads_it_from_its_beginning()
    {
        var a = _dir.File("a.log");
        var b = _dir.File("b.log");
        Append(a, "before start\n");
        Append(_dir.File("other.txt"), "not matched\n");
        var sink = new CountingSink();
        await using var run = new TailerRun(Options(StartPosition.End, _dir.File("*.log")), sink);
        WaitFollowing(run, a);

        Append(b, "b1\nb2\n");
        Wait.Until(() => sink.Count == 2, () => $"{sink.Count} lines");
        Append(a, "a1\n");
        Wait.Until(() => sink.Count == 3, () => $"{sink.Count} lines");

        Assert.Equal(["a1", "b1", "b2"], sink.Lines.Order(StringComparer.Ordinal));
        Assert.Equal([a, b], run.Tailer.Snapshot().Select(s => s.Path));
    }

    [Fact]
    public async Task Rename_rotations_under_a_fast_writer_lose_and_repeat_nothing()
    {
        const int Lines = 1_000_000;
        const int Rotations = 100;
        const int PerFile = Lines / (Rotations + 1);
        var path = _dir.File("access.log");
        File.WriteAllBytes(path, []);
        var sink = new CountingSink(Lines, keepText: false);
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);
        WaitFollowing(run, path);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var writer = Task.Factory.StartNew(() =>
        {
            using var lines = new NumberedWriter(path);
            var rotations = 0;
            for (var n = 0; n < Lines; n++)
            {
                lines.Write(n);
                if ((n + 1) % PerFile == 0 && rotations < Rotations)
                {
                    lines.Close();

                    // Moving a file away before the tailer ever opened it would hide it for good, which no
                    // tailer can help; so the tailer must have reached the current file first. It may
                    // still be far behind in reading it.
                    var seen = rotations;
                    Wait.Until(() => run.Status.Rotations >= seen, () => $"rotation {seen}: {run.Status}");
                    File.Move(path, path + ".1", overwrite: true);
                    lines.Reopen(path, FileMode.CreateNew);
                    rotations++;
                }
            }
        }, TaskCreationOptions.LongRunning);
        await writer.WaitAsync(2 * Wait.Deadline);

        await StopAfterEveryLineOnceAsync(run, sink, Lines);
        Assert.Equal(0, sink.Unnumbered);
        Assert.Equal(Rotations, run.Status.Rotations);
        Assert.Equal(Lines, run.Status.LinesRead);

        // Nothing is allocated per line: a copy of each line alone would be over 40 bytes a line. What is
        // allocated goes to rotations, directory events, the writer and this test's own waiting.
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 16L * Lines, $"{allocated} bytes allocated for {Lines} lines");
    }

    [Fact]
    public async Task Copytruncate_after_the_tailer_caught_up_loses_and_repeats_nothing()
    {
        // A truncation is lossless only when the tailer has read everything before it: bytes written after
        // its last read and before the truncation are gone from the file for any tailer. So the writer pauses
        // until the tailer's offset equals the size, truncates, and (because a size check cannot tell a
        // truncated-then-refilled file from a grown one) also waits until the truncation was seen.
        const int Truncations = 100;
        const int PerFile = 2_000;
        const int Lines = PerFile * (Truncations + 1);
        var path = _dir.File("access.log");
        File.WriteAllBytes(path, []);
        var sink = new CountingSink(Lines, keepText: false);
        await using var run = new TailerRun(Options(StartPosition.Beginning, path), sink);
        WaitFollowing(run, path);

        var writer = Task.Factory.StartNew(() =>
        {
            using var lines = new NumberedWriter(path);
            var truncations = 0;
            for (var n = 0; n < Lines; n++)
            {
                lines.Write(n);
                if ((n + 1) % PerFile == 0 && truncations < Truncations)
                {
                    lines.Flush();
                    var size = lines.Length;
                    Wait.Until(() => run.Status.Offset == size, () => $"catching up before truncation {truncations}: {run.Status}");
                    lines.Stream.SetLength(0);
                    lines.Stream.Position = 0;
                    truncations++;
                    var seen = truncations;
                    Wait.Until(() => run.Status.Rotations >= seen, () => $"truncation {seen}: {run.Status}");
                }
            }
        }, TaskCreationOptions.LongRunning);
        await writer.WaitAsync(2 * Wait.Deadline);

        await StopAfterEveryLineOnceAsync(run, sink, Lines);
        Assert.Equal(Truncations, run.Status.Rotations);
        Assert.Contains(run.Log.Events, e => e.MessageTemplate.Text.Contains("truncated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deletion_and_re_creation_is_followed_with_and_without_inotify(bool useInotify)
    {
        const int Cycles = 30;
        const int PerFile = 1_000;
        const int Lines = PerFile * (Cycles + 1);
        var path = _dir.File("access.log");
        File.WriteAllBytes(path, []);
        var sink = new CountingSink(Lines, keepText: false);
        var options = new TailOptions
        {
            Files = [path],
            StartAt = StartPosition.Beginning,
            UseInotify = useInotify,
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        await using var run = new TailerRun(options, sink);
        WaitFollowing(run, path);

        // Like nginx between a rotation and its reopen, the writer goes on appending to the file it holds
        // after the path was deleted or moved; only then does it create the new file.
        const int AfterUnlink = 200;
        var writer = Task.Factory.StartNew(() =>
        {
            using var lines = new NumberedWriter(path);
            var cycles = 0;
            var reopenAt = -1;
            for (var n = 0; n < Lines; n++)
            {
                lines.Write(n);
                if (n + 1 == reopenAt)
                {
                    lines.Close();
                    lines.Reopen(path, FileMode.CreateNew);
                    cycles++;
                }
                else if ((n + 1) % PerFile == PerFile - AfterUnlink && cycles < Cycles)
                {
                    lines.Flush();
                    var seen = cycles;
                    Wait.Until(() => run.Status.Rotations >= seen, () => $"cycle {seen}: {run.Status}");
                    if (cycles % 2 == 0)
                    {
                        File.Delete(path);
                    }
                    else
                    {
                        File.Move(path, path + ".1", overwrite: true);
                    }

                    reopenAt = n + 1 + AfterUnlink;
                }
            }
        }, TaskCreationOptions.LongRunning);
        await writer.WaitAsync(2 * Wait.Deadline);

        await StopAfterEveryLineOnceAsync(run, sink, Lines);
        Assert.Equal(Cycles, run.Status.Rotations);
        Assert.Contains(run.Log.Events, e => e.MessageTemplate.Text.Contains("re-created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_with_a_position_file_resumes_exactly_where_it_stopped()
    {
        const int Batch = 100_000;
        const int Lines = 3 * Batch;
        var path = _dir.File("access.log");
        var positions = _dir.File("positions.json");
        Append(path, "written before the first start\n");
        var sink = new CountingSink(Lines, keepText: false);
        var options = new TailOptions
        {
            Files = [path],
            StartAt = StartPosition.End,
            PositionFile = positions,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        using var lines = new NumberedWriter(path);

        var first = new TailerRun(options, sink);
        WaitFollowing(first, path);
        var writing = Task.Factory.StartNew(() =>
        {
            for (var n = 0; n < Batch; n++)
            {
                lines.Write(n);
            }
        }, TaskCreationOptions.LongRunning);

        // Stop in the middle of the stream, with the writer possibly mid-line.
        await Wait.UntilAsync(() => sink.Count >= 1_000, () => $"{sink.Count} lines");
        await first.StopAsync();
        var stoppedAt = sink.Count;
        await first.DisposeAsync();
        await writing.WaitAsync(Wait.Deadline);
        Assert.True(File.Exists(positions));

        for (var n = Batch; n < 2 * Batch; n++)
        {
            lines.Write(n);
        }

        lines.Flush();
        Assert.True(stoppedAt < 2 * Batch);
        Assert.Equal(stoppedAt, sink.Count);

        await using var second = new TailerRun(options, sink);
        WaitLogged(second, "saved offset");
        for (var n = 2 * Batch; n < Lines; n++)
        {
            lines.Write(n);
        }

        lines.Flush();
        await StopAfterEveryLineOnceAsync(second, sink, Lines);

        var saved = Assert.Single(PositionStore.Load(positions).Values);
        Assert.Equal(path, saved.Path);
        Assert.Equal(new FileInfo(path).Length, saved.Offset);
    }

    [Fact]
    public async Task A_saved_position_of_a_replaced_file_is_not_applied()
    {
        var path = _dir.File("access.log");
        var positions = _dir.File("positions.json");
        Append(path, "old 1\nold 2\n");
        var options = new TailOptions
        {
            Files = [path],
            StartAt = StartPosition.Beginning,
            PositionFile = positions,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var firstSink = new CountingSink();
        await using (var first = new TailerRun(options, firstSink))
        {
            Wait.Until(() => firstSink.Count == 2, () => $"{firstSink.Count} lines");
        }

        Assert.Equal(12, Assert.Single(PositionStore.Load(positions).Values).Offset);

        // Written next to it and renamed over it: certainly another inode, and longer than the saved offset.
        var replacement = _dir.File("access.log.new");
        Append(replacement, "new 1\nnew 2\nnew 3\n");
        File.Move(replacement, path, overwrite: true);

        var sink = new CountingSink();
        await using var second = new TailerRun(options, sink);
        Wait.Until(() => sink.Count == 3, () => $"{sink.Count} lines");
        Assert.Equal(["new 1", "new 2", "new 3"], sink.Lines);
        WaitLogged(second, "not applied");
    }

    [Fact]
    public async Task A_corrupt_position_file_is_logged_and_ignored()
    {
        var path = _dir.File("access.log");
        var positions = _dir.File("positions.json");
        Append(path, "line\n");
        File.WriteAllText(positions, "{\"files\": [ {\"path\": 12");
        var options = new TailOptions
        {
            Files = [path],
            StartAt = StartPosition.Beginning,
            PositionFile = positions,
        };
        var sink = new CountingSink();
        await using (var run = new TailerRun(options, sink))
        {
            Wait.Until(() => sink.Count == 1, () => $"{sink.Count} lines");
            Assert.Contains(run.Log.Events, e => e.Level == LogEventLevel.Warning
                && e.MessageTemplate.Text.Contains("position file", StringComparison.Ordinal));
        }

        // Rewritten on stop, readable again.
        Assert.Equal(5, Assert.Single(PositionStore.Load(positions).Values).Offset);
    }

    /// <summary>Waits until the sink has every numbered line, stops the tailer, and checks each came exactly once.</summary>
    private static async Task StopAfterEveryLineOnceAsync(TailerRun run, CountingSink sink, int lines)
    {
        await Wait.UntilAsync(() => sink.Count >= lines, () => $"{sink.Count} of {lines} lines, {run.Status}");
        await run.StopAsync();
        Assert.Equal(lines, sink.Count);
        Assert.Equal(0, sink.Duplicates);
        Assert.Equal(lines, sink.SeenOnce(lines));
    }
}
