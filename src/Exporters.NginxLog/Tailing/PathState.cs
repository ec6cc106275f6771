namespace Exporters.NginxLog.Tailing;

/// <summary>What was last seen at a followed path, so that each change is logged once.</summary>
internal enum PathState
{
    Unknown,
    Present,
    Missing,
    Unreadable,

    /// <summary>Something other than a regular file (a FIFO, socket, device or directory): skipped.</summary>
    NotRegular,
}
