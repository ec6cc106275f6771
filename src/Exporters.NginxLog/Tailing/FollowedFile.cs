using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;
using Serilog;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// One followed path. A filler reads appended bytes of the current file into a pipe when woken; a reader
/// cuts them into lines for the sink. Each file the path names in turn (a generation) gets its own pass
/// through the pipe: on truncation the same handle is read again from 0; when another file takes the path,
/// the old handle is read to its end first and the new file is then read from 0.
/// </summary>
internal sealed class FollowedFile
{
    private const int ReadChunkBytes = 64 * 1024;
    private const long MinimumPauseBytes = 1024 * 1024;
    private const long MaximumLookBackBytes = 1024 * 1024;
    private const long NoticeEveryBytes = 1024 * 1024;

    private readonly string _path;
    private readonly string _name;
    private readonly TailOptions _options;
    private readonly ILineSink _sink;
    private readonly ILogger _logger;
    private readonly LineSplitter _splitter;
    private readonly Pipe _pipe;
    private readonly WakeSignal _wake = new();
    private readonly Lock _statusLock = new();

    // Shared with Snapshot and the position file; guarded by _statusLock.
    private FileIdentity _statusIdentity;
    private bool _hasIdentity;
    private long _offset;
    private long _size;
    private long _linesRead;
    private long _bytesRead;
    private long _rotations;
    private bool _dirty;

    // The filler's own state.
    private SafeFileHandle? _handle;
    private FileIdentity _identity;
    private long _readOffset;
    private readonly Queue<PendingFile> _pending = new();
    private FileIdentity _latest;
    private long _bytesSinceNotice;
    private PathState _pathState;
    private FileKind _notRegularKind;

    // Set by the filler before it completes the pipe: the rest of the generation is final.
    private volatile bool _finishTail;

    /// <param name="path">The full path, for file operations and the position file.</param>
    /// <param name="name">The path as configured (or the full path a glob matched), for status and logs.</param>
    /// <param name="options">How to follow.</param>
    /// <param name="sink">Receives the lines.</param>
    /// <param name="logger">Receives one event per change of state.</param>
    public FollowedFile(string path, string name, TailOptions options, ILineSink sink, ILogger logger)
    {
        _path = path;
        _name = name;
        _options = options;
        _sink = sink;
        _logger = logger;
        _splitter = new LineSplitter(options.MaxLineBytes);

        // The reader keeps at most one unterminated line of up to MaxLineBytes (+ "\r") unconsumed, so the
        // writer must be able to add a read chunk beyond that before it pauses, or both would wait forever.
        var resume = Math.Max((long)options.MaxLineBytes + 1 + ReadChunkBytes, MinimumPauseBytes / 2);
        _pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: resume * 2,
            resumeWriterThreshold: resume,
            minimumSegmentSize: ReadChunkBytes,
            useSynchronizationContext: false));
    }

    /// <summary>The path as configured or matched.</summary>
    public string Name => _name;

    /// <summary>Something may have changed at the path: check soon.</summary>
    public void Wake() => _wake.Set();

    public FileStatus Status()
    {
        lock (_statusLock)
        {
            return new FileStatus(_name, _offset, _size, _linesRead, _bytesRead, _rotations);
        }
    }

    /// <summary>The position to save, if a file was ever opened.</summary>
    public bool TryGetPosition(out SavedPosition position)
    {
        lock (_statusLock)
        {
            position = new SavedPosition(_path, _statusIdentity, _offset);
            return _hasIdentity;
        }
    }

    /// <summary>Whether lines were consumed since the last call.</summary>
    public bool TakeDirty()
    {
        lock (_statusLock)
        {
            var dirty = _dirty;
            _dirty = false;
            return dirty;
        }
    }

    /// <summary>Follows the path until cancelled.</summary>
    /// <param name="atStartup">The tailer is starting: a file found now begins at the saved position or the
    /// start rule; one found later begins at 0.</param>
    /// <param name="saved">The saved position for this path, if any.</param>
    /// <param name="poll">Wakes the filler periodically, for changes no event announced.</param>
    /// <param name="stoppingToken">Stops following.</param>
    public async Task RunAsync(bool atStartup, SavedPosition? saved, TimeProvider poll, CancellationToken stoppingToken)
    {
        using var registration = stoppingToken.Register(static state => ((WakeSignal)state!).Set(), _wake);
        using var timer = poll.CreateTimer(static state => ((WakeSignal)state!).Set(), _wake, _options.PollInterval, _options.PollInterval);
        try
        {
            if (!await OpenFirstAsync(atStartup, saved, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            while (true)
            {
                var end = await RunGenerationAsync(stoppingToken).ConfigureAwait(false);
                if (end == GenerationEnd.Stopped)
                {
                    return;
                }

                if (end == GenerationEnd.Replaced)
                {
                    var next = _pending.Dequeue();
                    _handle!.Dispose();
                    _handle = next.Handle;
                    _identity = next.Identity;
                }

                _readOffset = 0;
                var size = Statx.TryStat(_handle!, out var current) ? current.Size : 0;
                lock (_statusLock)
                {
                    _statusIdentity = _identity;
                    _offset = 0;
                    _size = size;
                    _rotations++;
                    _dirty = true;
                }
            }
        }
        finally
        {
            _handle?.Dispose();
            while (_pending.TryDequeue(out var pending))
            {
                pending.Handle.Dispose();
            }
        }
    }

    private async Task<bool> OpenFirstAsync(bool atStartup, SavedPosition? saved, CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (TryOpen(out var handle, out var stat))
            {
                long start = 0;
                if (first && atStartup)
                {
                    if (saved is { } position && position.Identity == stat.Identity && stat.Size >= position.Offset)
                    {
                        start = position.Offset;
                        _logger.Information("Following {Path} from its saved offset {Offset}", _name, start);
                    }
                    else
                    {
                        if (saved is not null)
                        {
                            _logger.Information("The saved position of {Path} is for another file or beyond its end; not applied", _name);
                        }

                        start = _options.StartAt == StartPosition.End ? StartOfLastLine(handle, stat.Size) : 0;
                        _logger.Information("Following {Path} from offset {Offset}", _name, start);
                    }
                }
                else
                {
                    _logger.Information("{Path} appeared; following it from its beginning", _name);
                }

                _handle = handle;
                _identity = stat.Identity;
                _latest = stat.Identity;
                _readOffset = start;
                _pathState = PathState.Present;
                lock (_statusLock)
                {
                    _statusIdentity = stat.Identity;
                    _hasIdentity = true;
                    _offset = start;
                    _size = stat.Size;
                    _dirty = true;
                }

                return true;
            }

            first = false;
            await _wake.WaitAsync().ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// Where "the end" of a file is: after its last newline, so that a line being written right now is read
    /// whole once complete rather than from its middle. The end itself if no newline is near it.
    /// </summary>
    private long StartOfLastLine(SafeFileHandle handle, long size)
    {
        var window = (int)Math.Min(size, Math.Min((long)_options.MaxLineBytes + 2, MaximumLookBackBytes));
        if (window == 0)
        {
            return size;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(window);
        try
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, window), size - window);
            if (read != window)
            {
                return size;
            }

            var lastNewLine = buffer.AsSpan(0, window).LastIndexOf((byte)'\n');
            if (lastNewLine >= 0)
            {
                return size - window + lastNewLine + 1;
            }

            return window == size ? 0 : size;
        }
        catch (IOException)
        {
            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<GenerationEnd> RunGenerationAsync(CancellationToken stoppingToken)
    {
        _finishTail = false;
        var reading = ReadLinesAsync(_readOffset);
        var end = GenerationEnd.Stopped;
        try
        {
            end = await FillAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _finishTail = end != GenerationEnd.Stopped;
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            _pipe.Reset();
        }

        return end;
    }

    private async Task<GenerationEnd> FillAsync(CancellationToken stoppingToken)
    {
        var writer = _pipe.Writer;
        while (true)
        {
            if (!await ReadAvailableAsync(writer, stoppingToken).ConfigureAwait(false) || stoppingToken.IsCancellationRequested)
            {
                return GenerationEnd.Stopped;
            }

            var verdict = Inspect();
            if (verdict == GenerationEnd.Truncated)
            {
                return GenerationEnd.Truncated;
            }

            if (verdict == GenerationEnd.Replaced)
            {
                // The old file is complete: whatever was appended to it up to now is still read.
                if (!await ReadAvailableAsync(writer, stoppingToken).ConfigureAwait(false) || stoppingToken.IsCancellationRequested)
                {
                    return GenerationEnd.Stopped;
                }

                return GenerationEnd.Replaced;
            }

            await _wake.WaitAsync().ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return GenerationEnd.Stopped;
            }
        }
    }

    /// <summary>Reads the current file to its end into the pipe; false if the reader is gone.</summary>
    private async Task<bool> ReadAvailableAsync(PipeWriter writer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var memory = writer.GetMemory(ReadChunkBytes);
            int read;
            try
            {
                read = RandomAccess.Read(_handle!, memory.Span, _readOffset);
            }
            catch (IOException e)
            {
                ReportUnreadable(e.Message);
                return true;
            }

            if (read == 0)
            {
                return true;
            }

            if (_pathState == PathState.Unreadable)
            {
                _pathState = PathState.Present;
                _logger.Information("{Path} can be read again", _name);
            }

            writer.Advance(read);
            _readOffset += read;

            // Far behind in a busy file, look at the path now and then: a file that takes it and is moved on
            // again before this one is read to its end must not go unnoticed.
            _bytesSinceNotice += read;
            if (_bytesSinceNotice >= NoticeEveryBytes)
            {
                _bytesSinceNotice = 0;
                NoticePath();
            }

            lock (_statusLock)
            {
                _bytesRead += read;
                _size = Math.Max(_size, _readOffset);
            }

            var flush = await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (flush.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>After reading to the end: did the file shrink, or does another file hold the path now?</summary>
    private GenerationEnd? Inspect()
    {
        if (!Statx.TryStat(_handle!, out var own))
        {
            return null;
        }

        lock (_statusLock)
        {
            _size = own.Size;
        }

        if (own.Size < _readOffset)
        {
            _logger.Information("{Path} was truncated from {Offset} to {Size} bytes; reading it again from its beginning", _name, _readOffset, own.Size);
            return GenerationEnd.Truncated;
        }

        var check = NoticePath();
        if (check == PathCheck.Missing)
        {
            if (_pathState != PathState.Missing)
            {
                _pathState = PathState.Missing;
                if (own.LinkCount == 0)
                {
                    _logger.Information("{Path} was deleted; reading what is left of it and waiting for a new one", _name);
                }
                else
                {
                    _logger.Information("{Path} was moved away; reading what is left of it and waiting for a new one", _name);
                }
            }
        }
        else if (check == PathCheck.Followed && _pending.Count == 0)
        {
            _pathState = PathState.Present;
        }

        if (_pending.Count == 0)
        {
            return null;
        }

        // A writer may still append to the old file until it reopens the path; while the only new file is
        // empty and the old one still exists, keep reading the old one.
        var next = _pending.Peek();
        if (_pending.Count == 1 && own.LinkCount > 0 && Statx.TryStat(next.Handle, out var nextStat) && nextStat.Size == 0)
        {
            return null;
        }

        _pathState = PathState.Present;
        if (own.LinkCount == 0)
        {
            _logger.Information("{Path} was re-created; following the new file from its beginning", _name);
        }
        else
        {
            _logger.Information("{Path} was rotated; following the new file from its beginning", _name);
        }

        return GenerationEnd.Replaced;
    }

    /// <summary>
    /// Opens and queues the file at the path if it is not the one being read nor one queued already.
    /// </summary>
    private PathCheck NoticePath()
    {
        if (!Statx.TryStat(_path, out var atPath))
        {
            return PathCheck.Missing;
        }

        if (atPath.Identity == _latest || IsKnown(atPath.Identity))
        {
            return PathCheck.Followed;
        }

        if (!TryOpen(out var handle, out var stat))
        {
            return _pathState == PathState.Missing ? PathCheck.Missing : PathCheck.Unusable;
        }

        if (IsKnown(stat.Identity))
        {
            handle.Dispose();
            return PathCheck.Followed;
        }

        _pending.Enqueue(new PendingFile(handle, stat.Identity));
        _latest = stat.Identity;
        return PathCheck.Followed;
    }

    private bool IsKnown(FileIdentity identity)
    {
        if (identity == _identity)
        {
            return true;
        }

        foreach (var pending in _pending)
        {
            if (pending.Identity == identity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Opens the regular file at the path. Anything else there (a FIFO, socket, device or directory) is
    /// skipped without waiting: its kind is looked at before opening, the open never blocks, and the kind
    /// is checked again on the open handle, as the path may have changed in between.
    /// </summary>
    private bool TryOpen(out SafeFileHandle handle, out FileStat stat)
    {
        handle = null!;
        if (Statx.TryStat(_path, out stat) && stat.Kind != FileKind.Regular)
        {
            ReportNotRegular(stat.Kind);
            return false;
        }

        var opened = ReadOnlyOpen.TryOpen(_path, out var missing, out var reason);
        if (opened is null)
        {
            if (missing)
            {
                if (_pathState is not PathState.Missing)
                {
                    _pathState = PathState.Missing;
                    _logger.Information("Waiting for {Path} to appear", _name);
                }
            }
            else
            {
                ReportUnreadable(reason!);
            }

            return false;
        }

        if (!Statx.TryStat(opened, out stat))
        {
            opened.Dispose();
            ReportUnreadable("statx failed");
            return false;
        }

        if (stat.Kind != FileKind.Regular)
        {
            opened.Dispose();
            ReportNotRegular(stat.Kind);
            return false;
        }

        handle = opened;
        return true;
    }

    private void ReportNotRegular(FileKind kind)
    {
        if (_pathState != PathState.NotRegular || _notRegularKind != kind)
        {
            _pathState = PathState.NotRegular;
            _notRegularKind = kind;
            _logger.Warning("{Path} is {Kind}, not a regular file; skipping it until a regular file is there", _name, FileKinds.Describe(kind));
        }
    }

    private void ReportUnreadable(string reason)
    {
        if (_pathState != PathState.Unreadable)
        {
            _pathState = PathState.Unreadable;
            _logger.Warning("{Path} cannot be read: {Reason}", _name, reason);
        }
    }

    /// <summary>The reader side of one generation: lines out of the pipe, starting at file offset <paramref name="startOffset"/>.</summary>
    private async Task ReadLinesAsync(long startOffset)
    {
        var reader = _pipe.Reader;
        var bufferStart = startOffset;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var position = _splitter.Split(buffer, _sink, out var lines, out var consumed, out var committed);
                var offset = committed > 0 ? bufferStart + committed : -1;
                if (result.IsCompleted && _finishTail)
                {
                    var rest = buffer.Slice(position);
                    if (!rest.IsEmpty || _splitter.Discarding)
                    {
                        if (_splitter.Finish(rest, _sink))
                        {
                            lines++;
                        }

                        offset = bufferStart + buffer.Length;
                    }

                    position = buffer.End;
                    consumed = buffer.Length;
                }

                if (lines > 0 || offset >= 0)
                {
                    lock (_statusLock)
                    {
                        _linesRead += lines;
                        if (offset >= 0)
                        {
                            _offset = offset;
                        }

                        _dirty = true;
                    }
                }

                bufferStart += consumed;
                reader.AdvanceTo(position, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            _splitter.Reset();
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
