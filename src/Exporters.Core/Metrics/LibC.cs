using System.Runtime.InteropServices;

namespace Exporters.Core.Metrics;

/// <summary>The few libc calls the process metrics and file reads need that .NET does not offer.</summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;

    public const int ReadOnly = 0;
    public const int CloseOnExec = 0x80000;

    /// <summary>O_DIRECTORY: 0200000 on x86, 040000 on ARM.</summary>
    public static readonly int Directory =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    /// <summary>O_PATH: a descriptor that only names a directory, to open files relative to it.</summary>
    public const int PathOnly = 0x200000;

    public const int ErrorNoEntry = 2;
    public const int ErrorInterrupted = 4;
    public const int ErrorNotDirectory = 20;
    public const int ErrorIsDirectory = 21;
    public const int ErrorInvalid = 22;

    public const int RlimitNoFile = 7;
    public const int RlimitAddressSpace = 9;

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    public static partial IntPtr ReadDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(IntPtr dir);

    /// <summary>open(2) of a NUL-terminated path; the mode is unused without O_CREAT.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, uint mode);

    /// <summary>openat(2): <paramref name="path"/> relative to the directory <paramref name="dirFd"/>.</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirFd, byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

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
