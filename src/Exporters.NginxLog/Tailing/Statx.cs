using Exporters.Core.Metrics;
using Microsoft.Win32.SafeHandles;

namespace Exporters.NginxLog.Tailing;

/// <summary>The tailer's view of <see cref="FileStatx"/>: a file's identity, size, hard links and kind.</summary>
internal static class Statx
{
    /// <summary>The file a path names now (following symbolic links); false if there is none or it cannot be examined.</summary>
    public static bool TryStat(string path, out FileStat stat) => From(FileStatx.TryStat(path, out var result), result, out stat);

    /// <summary>The file an open handle refers to, wherever it has been moved.</summary>
    public static bool TryStat(SafeFileHandle handle, out FileStat stat) => From(FileStatx.TryStat(handle, out var result), result, out stat);

    private static bool From(bool ok, FileStatxResult result, out FileStat stat)
    {
        stat = ok ? new FileStat(new FileIdentity(result.Device, result.Inode), result.Size, result.Links, FileKinds.FromMode(result.Mode)) : default;
        return ok;
    }
}
