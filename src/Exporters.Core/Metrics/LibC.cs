using System.Runtime.InteropServices;

namespace Exporters.Core.Metrics;

/// <summary>The few libc calls the process metrics need that .NET does not offer.</summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;
    public const uint StatxSize = 0x200;

    /// <summary>struct statx is 256 bytes on every architecture; stx_size is at offset 40.</summary>
    public const int StatxBufferBytes = 256;
    public const int StatxSizeOffset = 40;

    public const int RlimitNoFile = 7;
    public const int RlimitAddressSpace = 9;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    public static partial IntPtr ReadDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(IntPtr dir);

    /// <summary>getrlimit(2); <paramref name="limit"/> points at two 64-bit values, soft then hard.</summary>
    [LibraryImport("libc", EntryPoint = "getrlimit")]
    public static partial int GetRlimit(int resource, ulong* limit);

    /// <summary>The soft limit of a resource; RLIM_INFINITY is the largest 64-bit value, as Go reports it.</summary>
    public static double SoftLimit(int resource)
    {
        var limit = stackalloc ulong[2];
        return GetRlimit(resource, limit) == 0 ? limit[0] : double.NaN;
    }
}
