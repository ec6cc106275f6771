namespace Exporters.NginxLog.Tailing;

/// <summary>What a look at a followed path found.</summary>
internal enum PathCheck
{
    /// <summary>Nothing is at the path.</summary>
    Missing,

    /// <summary>The file being read, or one already queued; or a new one, now queued.</summary>
    Followed,

    /// <summary>Something is there that cannot be followed: not a regular file, or not readable.</summary>
    Unusable,
}
