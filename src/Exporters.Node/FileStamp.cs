using System.Runtime.InteropServices;

namespace Exporters.Node;

/// <summary>
/// What statx(2) says of a file that changes when it is rewritten: its inode (a new file renamed over it),
/// size and modification time. <see cref="Missing"/> stands for a file that is not there.
/// </summary>
internal readonly unsafe partial record struct FileStamp(ulong Inode, long Size, long Seconds, uint Nanoseconds)
{
    private const int AtFdCwd = -100;
    private const uint Mask = 0x40 | 0x100 | 0x200; // STATX_MTIME | STATX_INO | STATX_SIZE

    // struct statx is 256 bytes on every architecture: stx_ino (u64) at 32, stx_size (u64) at 40 and
    // stx_mtime (s64 seconds, u32 nanoseconds) at 112.
    private const int BufferBytes = 256;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int ModifiedOffset = 112;

    /// <summary>No file: no inode is 0.</summary>
    public static FileStamp Missing { get; }

    /// <summary>The stamp of the file a NUL-terminated UTF-8 path names now; <see cref="Missing"/> if it cannot be examined.</summary>
    public static FileStamp Of(byte[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var buffer = stackalloc byte[BufferBytes];
        fixed (byte* name = path)
        {
            if (Native(AtFdCwd, name, 0, Mask, buffer) != 0)
            {
                return Missing;
            }
        }

        return new FileStamp(
            *(ulong*)(buffer + InodeOffset), *(long*)(buffer + SizeOffset), *(long*)(buffer + ModifiedOffset), *(uint*)(buffer + ModifiedOffset + 8));
    }

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Native(int dirFd, byte* path, int flags, uint mask, byte* buffer);
}
