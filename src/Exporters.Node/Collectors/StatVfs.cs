using System.Runtime.InteropServices;

namespace Exporters.Node.Collectors;

/// <summary>statvfs(3) from libc.</summary>
internal static partial class StatVfs
{
    /// <summary>Fills <paramref name="stats"/> for the filesystem of <paramref name="path"/>; false on failure.</summary>
    public static bool TryGet(string path, out StatVfsBuffer stats) => Native(path, out stats) == 0;

    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(string path, out StatVfsBuffer stats);
}
