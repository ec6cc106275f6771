namespace Exporters.NginxLog.Tailing;

/// <summary>Why reading one file of a followed path ended.</summary>
internal enum GenerationEnd
{
    /// <summary>The tailer is stopping; the file may be resumed later.</summary>
    Stopped,

    /// <summary>The file shrank below what was read (copytruncate): read it again from 0.</summary>
    Truncated,

    /// <summary>Another file took the path (rename rotation, or deletion and re-creation) and the old one was read to its end.</summary>
    Replaced,
}
