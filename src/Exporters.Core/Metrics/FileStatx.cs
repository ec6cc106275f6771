using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Exporters.Core.Metrics;

/// <summary>
/// statx(2) on a path or an open handle, for what changes when a file is rotated, rewritten or grows:
/// device, inode, size, hard links and modification time; and the file's type. Nothing is allocated.
/// </summary>
public static unsafe partial class FileStatx
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;

    // STATX_TYPE | STATX_NLINK | STATX_MTIME | STATX_INO | STATX_SIZE
    private const uint Mask = 0x1 | 0x4 | 0x40 | 0x100 | 0x200;

    // struct statx is 256 bytes on every architecture: stx_nlink (u32) at 16, stx_mode (u16) at 28, stx_ino (u64) at 32, stx_size
    // (u64) at 40, stx_mtime (s64 seconds, u32 nanoseconds) at 112, stx_dev_major and stx_dev_minor (u32)
    // at 136 and 140.
    private const int BufferBytes = 256;
    private const int LinksOffset = 16;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int ModifiedOffset = 112;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;

    /// <summary>The file a path names now (following symbolic links); false if there is none or it cannot be examined.</summary>
    public static bool TryStat(string path, out FileStatxResult stat)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var name = new NativePath(path, stackalloc byte[256]);
        if (!name.IsValid)
        {
            stat = default;
            return false;
        }

        return TryStatNative(name.Bytes, out stat);
    }

    /// <summary>The file a UTF-8 path names now (following symbolic links), the path ending with a NUL.</summary>
    public static bool TryStatNative(ReadOnlySpan<byte> nulTerminatedPath, out FileStatxResult stat)
    {
        var buffer = stackalloc byte[BufferBytes];
        fixed (byte* name = nulTerminatedPath)
        {
            if (nulTerminatedPath.IsEmpty || nulTerminatedPath[^1] != 0 || Native(AtFdCwd, name, 0, Mask, buffer) != 0)
            {
                stat = default;
                return false;
            }
        }

        stat = Decode(buffer);
        return true;
    }

    /// <summary>The file an open handle refers to, wherever it has been moved.</summary>
    public static bool TryStat(SafeFileHandle handle, out FileStatxResult stat)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var buffer = stackalloc byte[BufferBytes];
        var empty = stackalloc byte[1];
        empty[0] = 0;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Native((int)handle.DangerousGetHandle(), empty, AtEmptyPath, Mask, buffer) != 0)
            {
                stat = default;
                return false;
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        stat = Decode(buffer);
        return true;
    }

    private static FileStatxResult Decode(byte* buffer) => new(
        ((ulong)*(uint*)(buffer + DeviceMajorOffset) << 32) | *(uint*)(buffer + DeviceMinorOffset),
        *(ulong*)(buffer + InodeOffset),
        *(long*)(buffer + SizeOffset),
        *(uint*)(buffer + LinksOffset),
        *(long*)(buffer + ModifiedOffset),
        *(uint*)(buffer + ModifiedOffset + 8),
        *(ushort*)(buffer + ModeOffset));

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Native(int dirFd, byte* path, int flags, uint mask, byte* buffer);
}
