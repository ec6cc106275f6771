namespace Exporters.NginxLog.Tailing;

/// <summary>Where reading starts in a file that exists when the tailer starts (and has no saved position).</summary>
internal enum StartPosition
{
    /// <summary>At its current end: only lines written from now on are read.</summary>
    End,

    /// <summary>At its first byte.</summary>
    Beginning,
}
