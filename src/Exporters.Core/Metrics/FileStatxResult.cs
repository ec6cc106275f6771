namespace Exporters.Core.Metrics;

/// <summary>What <see cref="FileStatx"/> reads of a file.</summary>
/// <param name="Device">The device, major number in the high 32 bits and minor in the low.</param>
/// <param name="Inode">The inode number; with the device, the file's identity.</param>
/// <param name="Size">Size in bytes (for /proc/PID/fd since Linux 6.2, the number of open files).</param>
/// <param name="Links">Hard links; 0 once the file was deleted while still open.</param>
/// <param name="ModifiedSeconds">Modification time, seconds since the epoch.</param>
/// <param name="ModifiedNanoseconds">Modification time, the nanoseconds within that second.</param>
/// <param name="Mode">st_mode: the file type (<c>Mode &amp; 0xF000</c>: 0x8000 regular, 0x4000 directory, 0x1000 FIFO,
/// 0xC000 socket, 0x2000 character device, 0x6000 block device) and the permission bits.</param>
public readonly record struct FileStatxResult(ulong Device, ulong Inode, long Size, uint Links, long ModifiedSeconds, uint ModifiedNanoseconds, ushort Mode);
