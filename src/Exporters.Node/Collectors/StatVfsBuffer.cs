using System.Runtime.InteropServices;

namespace Exporters.Node.Collectors;

/// <summary>struct statvfs of glibc on 64-bit Linux: eleven 64-bit fields, then six spare ints.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatVfsBuffer
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
    public long Spare0;
    public long Spare1;
    public long Spare2;
}
