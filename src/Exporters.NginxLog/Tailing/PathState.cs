namespace Exporters.NginxLog.Tailing;

/// <summary>What was last seen at a followed path, so that each change is logged once.</summary>
internal enum PathState
{
    Unknown,
    Present,
    Missing,
    Unreadable,
}
