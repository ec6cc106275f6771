namespace Exporters.Core.Metrics;

/// <summary>What <see cref="FileStatx"/> reads of a file.</summary>
/// <param name="Device">The device, major number in the high 32 bits and minor in the low.</param>
/// <param name="Inode">The inode number; with the device, the file's identity.</param>
/// <param name="Size">Size in bytes (for /proc/PID/fd since Linux 6.2, the number of open files).</param>
/// <param name="Links">Hard links; 0 once the file was deleted while still open.</param>
/// <param name="ModifiedSeconds">Modification time, seconds since the epoch.</param>
/// <param name="ModifiedNanoseconds">Modification time, the nanoseconds within that second.</param>
public readonly record struct FileStatxResult(ulong Device, ulong Inode, long Size, uint Links, long ModifiedSeconds, uint ModifiedNanoseconds);
