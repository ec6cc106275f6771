using Exporters.Core.Metrics;

namespace Exporters.Node;

/// <summary>
/// What statx(2) says of a file that changes when it is rewritten: its inode (a new file renamed over it),
/// size and modification time. <see cref="Missing"/> stands for a file that is not there.
/// </summary>
internal readonly record struct FileStamp(ulong Inode, long Size, long Seconds, uint Nanoseconds)
{
    /// <summary>No file: no inode is 0.</summary>
    public static FileStamp Missing { get; }

    /// <summary>The stamp of the file a NUL-terminated UTF-8 path names now; <see cref="Missing"/> if it cannot be examined.</summary>
    public static FileStamp Of(byte[] path) =>
        FileStatx.TryStatNative(path, out var stat) ? new FileStamp(stat.Inode, stat.Size, stat.ModifiedSeconds, stat.ModifiedNanoseconds) : Missing;
}
