namespace Exporters.NginxLog.Tailing;

/// <summary>What makes a file the same file across renames: its device and inode.</summary>
/// <param name="Device">The device number, major in the upper 32 bits and minor in the lower.</param>
/// <param name="Inode">The inode number on that device.</param>
internal readonly record struct FileIdentity(ulong Device, ulong Inode);
