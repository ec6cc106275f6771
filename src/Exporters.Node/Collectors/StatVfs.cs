using System.Runtime.InteropServices;

namespace Exporters.Node.Collectors;

/// <summary>statvfs(3) from libc.</summary>
internal static partial class StatVfs
{
    /// <summary>Fills <paramref name="stats"/> for the filesystem of <paramref name="path"/>; false with errno on failure.</summary>
    public static bool TryGet(string path, out StatVfsBuffer stats, out int errno)
    {
        if (Native(path, out stats) == 0)
        {
            errno = 0;
            return true;
        }

        errno = Marshal.GetLastPInvokeError();
        return false;
    }

    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Native(string path, out StatVfsBuffer stats);
}
