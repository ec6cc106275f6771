namespace Exporters.NginxLog.Tailing;

/// <summary>What a tailer follows and how.</summary>
internal sealed class TailOptions
{
    /// <summary>Paths and glob patterns (*, ?, [..] in the file name part); globs are re-evaluated every <see cref="GlobInterval"/>.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>For files that exist at start; a file that appears later is always read from its beginning.</summary>
    public StartPosition StartAt { get; init; } = StartPosition.End;

    /// <summary>Where offsets and file identities are saved (at most every second and on stop), or null.</summary>
    public string? PositionFile { get; init; }

    /// <summary>A longer line is skipped whole and reported with <see cref="ILineSink.OnLineTooLong"/>.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    public TimeSpan GlobInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often files are checked when no inotify event came (and always, where inotify does not work).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>False to rely on polling alone (tests of the fallback; filesystems without inotify).</summary>
    public bool UseInotify { get; init; } = true;
}
