using System.Runtime.InteropServices;

namespace Exporters.Core.Metrics;

/// <summary>
/// Counts a process's open files from its /proc/PID/fd directory. Since Linux 6.2 the directory's size
/// is that count, which costs one statx; on older kernels (size 0) the entries are counted with readdir
/// alone. .NET's own directory enumeration stats every symbolic link it meets, and a .NET process keeps
/// over a hundred assemblies open, so that would cost a path walk per file on every scrape.
/// </summary>
public static class OpenFileCount
{
    /// <exception cref="IOException">The directory cannot be read.</exception>
    public static long Read(string fdDirectory) =>
        FileStatx.TryStat(fdDirectory, out var stat) && stat.Size > 0 ? stat.Size : CountEntries(fdDirectory);

    /// <summary>The number of entries, not counting "." and "..", read with readdir alone.</summary>
    public static long CountEntries(string path)
    {
        var dir = LibC.OpenDir(path);
        if (dir == IntPtr.Zero)
        {
            throw new IOException($"cannot open {path}: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            long count = 0;
            while (LibC.ReadDir(dir) != IntPtr.Zero)
            {
                count++;
            }

            return Math.Max(0, count - 2);
        }
        finally
        {
            _ = LibC.CloseDir(dir);
        }
    }
}
