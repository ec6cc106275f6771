using System.Collections.Concurrent;
using Serilog;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// Follows the configured paths and globs and hands their lines to a sink, across renames,
/// truncations and re-creations, without losing or repeating a line. Wakes on directory events
/// (inotify) and polls as a fallback; saves positions so that a restart resumes where it stopped.
/// </summary>
internal sealed class LogTailer : IAsyncDisposable
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    private readonly TailOptions _options;
    private readonly ILineSink _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, FollowedFile> _files = new(StringComparer.Ordinal);
    private readonly Lock _tasksLock = new();
    private readonly List<Task> _tasks = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly List<GlobPattern> _globs = [];
    private readonly CancellationTokenSource _disposing = new();
    private Dictionary<string, SavedPosition> _saved = new(StringComparer.Ordinal);
    private Task? _running;
    private bool _saveFailing;
    private bool _watchFailing;
    private bool _disposed;

    public LogTailer(TailOptions options, ILineSink sink, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.GlobInterval, TimeSpan.Zero);
        _options = options;
        _sink = sink;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Follows the files until <paramref name="stoppingToken"/> is cancelled, then saves positions and returns.</summary>
    public Task RunAsync(CancellationToken stoppingToken)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("the tailer is already running");
        }

        _running = RunCoreAsync(stoppingToken);
        return _running;
    }

    /// <summary>The state of every followed path, ordered by path. Safe to call from any thread.</summary>
    public IReadOnlyList<FileStatus> Snapshot()
    {
        var statuses = new List<FileStatus>(_files.Count);
        foreach (var file in _files.Values)
        {
            statuses.Add(file.Status());
        }

        statuses.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            try
            {
                await _running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _disposing.Dispose();
    }

    private async Task RunCoreAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _disposing.Token);
        var token = linked.Token;
        _saved = LoadPositions();

        var directories = new HashSet<string>(StringComparer.Ordinal);
        var literals = new List<(string Path, string Name)>();
        foreach (var configured in _options.Files)
        {
            var full = Path.GetFullPath(configured);
            var directory = Path.GetDirectoryName(full) ?? "/";
            directories.Add(directory);
            var name = Path.GetFileName(full);
            if (GlobPattern.HasWildcards(name))
            {
                _globs.Add(new GlobPattern(directory, name));
            }
            else
            {
                literals.Add((full, configured));
            }
        }

        if (_options.UseInotify)
        {
            foreach (var directory in directories)
            {
                Watch(directory);
            }
        }

        foreach (var (path, name) in literals)
        {
            Follow(path, name, atStartup: true, token);
        }

        ScanGlobs(atStartup: true, token);

        var tick = _options.GlobInterval < SaveInterval ? _options.GlobInterval : SaveInterval;
        var lastScan = _time.GetTimestamp();
        var lastSave = lastScan;
        try
        {
            using var timer = new PeriodicTimer(tick, _time);
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                if (_time.GetElapsedTime(lastScan) >= _options.GlobInterval)
                {
                    lastScan = _time.GetTimestamp();
                    ScanGlobs(atStartup: false, token);
                }

                if (_time.GetElapsedTime(lastSave) >= SaveInterval && TakeDirty())
                {
                    lastSave = _time.GetTimestamp();
                    SavePositions();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
            Task[] tasks;
            lock (_tasksLock)
            {
                tasks = [.. _tasks];
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            SavePositions();
        }
    }

    private void Follow(string path, string name, bool atStartup, CancellationToken token)
    {
        if (token.IsCancellationRequested || _files.ContainsKey(path))
        {
            return;
        }

        var file = new FollowedFile(path, name, _options, _sink, _logger);
        if (!_files.TryAdd(path, file))
        {
            return;
        }

        SavedPosition? saved = _saved.TryGetValue(path, out var position) ? position : null;
        var task = Task.Run(() => FollowAsync(file, atStartup, saved, token), CancellationToken.None);
        lock (_tasksLock)
        {
            _tasks.Add(task);
        }
    }

    private async Task FollowAsync(FollowedFile file, bool atStartup, SavedPosition? saved, CancellationToken token)
    {
        try
        {
            await file.RunAsync(atStartup, saved, _time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.Error(e, "Stopped following {Path}", file.Name);
        }
    }

    private void ScanGlobs(bool atStartup, CancellationToken token)
    {
        foreach (var glob in _globs)
        {
            foreach (var path in glob.Matches())
            {
                Follow(path, path, atStartup, token);
            }
        }
    }

    private void Watch(string directory)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnRenamed;
            watcher.Error += OnWatchError;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            _logger.Warning("Cannot watch {Directory} for changes ({Reason}); polling it", directory, e.Message);
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (_files.TryGetValue(e.FullPath, out var file))
        {
            file.Wake();
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        OnChanged(sender, e);
        if (_files.TryGetValue(e.OldFullPath, out var file))
        {
            file.Wake();
        }
    }

    private void OnWatchError(object sender, ErrorEventArgs e)
    {
        if (!_watchFailing)
        {
            _watchFailing = true;
            _logger.Warning("Directory events were lost ({Reason}); polling catches up", e.GetException().Message);
        }

        foreach (var file in _files.Values)
        {
            file.Wake();
        }
    }

    private bool TakeDirty()
    {
        var dirty = false;
        foreach (var file in _files.Values)
        {
            dirty |= file.TakeDirty();
        }

        return dirty;
    }

    private Dictionary<string, SavedPosition> LoadPositions()
    {
        if (_options.PositionFile is not { } positionFile)
        {
            return new Dictionary<string, SavedPosition>(StringComparer.Ordinal);
        }

        try
        {
            return PositionStore.Load(positionFile);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _logger.Warning("Ignoring the position file {PositionFile}: {Reason}", positionFile, e.Message);
            return new Dictionary<string, SavedPosition>(StringComparer.Ordinal);
        }
    }

    private void SavePositions()
    {
        if (_options.PositionFile is not { } positionFile)
        {
            return;
        }

        var positions = new List<SavedPosition>(_files.Count);
        foreach (var file in _files.Values)
        {
            if (file.TryGetPosition(out var position))
            {
                positions.Add(position);
            }
        }

        positions.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        try
        {
            PositionStore.Save(positionFile, positions);
            if (_saveFailing)
            {
                _saveFailing = false;
                _logger.Information("Positions are saved to {PositionFile} again", positionFile);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_saveFailing)
            {
                _saveFailing = true;
                _logger.Warning("Cannot save positions to {PositionFile}: {Reason}", positionFile, e.Message);
            }
        }
    }
}
