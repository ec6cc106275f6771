using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// statx(2) on a path or an open handle. struct statx is 256 bytes on every architecture, with
/// stx_nlink (u32) at offset 16, stx_ino (u64) at 32, stx_size (u64) at 40, stx_dev_major (u32) at 136
/// and stx_dev_minor (u32) at 140.
/// </summary>
internal static unsafe partial class Statx
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint MaskNlink = 0x4;
    private const uint MaskIno = 0x100;
    private const uint MaskSize = 0x200;
    private const uint Mask = MaskNlink | MaskIno | MaskSize;

    private const int BufferBytes = 256;
    private const int NlinkOffset = 16;
    private const int InoOffset = 32;
    private const int SizeOffset = 40;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    /// <summary>The file a path names now (following symbolic links); false if there is none or it cannot be examined.</summary>
    public static bool TryStat(string path, out FileStat stat)
    {
        var buffer = stackalloc byte[BufferBytes];
        if (Native(AtFdCwd, path, 0, Mask, buffer) != 0)
        {
            stat = default;
            return false;
        }

        stat = Decode(buffer);
        return true;
    }

    /// <summary>The file an open handle refers to, wherever it has been moved.</summary>
    public static bool TryStat(SafeFileHandle handle, out FileStat stat)
    {
        var buffer = stackalloc byte[BufferBytes];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            if (Native(fd, string.Empty, AtEmptyPath, Mask, buffer) != 0)
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

    private static FileStat Decode(byte* buffer)
    {
        var device = ((ulong)*(uint*)(buffer + DevMajorOffset) << 32) | *(uint*)(buffer + DevMinorOffset);
        var inode = *(ulong*)(buffer + InoOffset);
        var size = *(long*)(buffer + SizeOffset);
        var links = *(uint*)(buffer + NlinkOffset);
        return new FileStat(new FileIdentity(device, inode), size, links);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(int dirFd, string path, int flags, uint mask, byte* buffer);
}
