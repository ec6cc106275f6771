using System.Runtime.InteropServices;

namespace Exporters.Node.Collectors;

/// <summary>struct timex of adjtimex(2) as glibc lays it out on 64-bit Linux (208 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 208)]
internal struct TimexBuffer
{
    [FieldOffset(0)]
    public uint Modes;

    [FieldOffset(8)]
    public long Offset;

    [FieldOffset(16)]
    public long Freq;

    [FieldOffset(24)]
    public long MaxError;

    [FieldOffset(32)]
    public long EstError;

    [FieldOffset(40)]
    public int Status;

    [FieldOffset(48)]
    public long Constant;

    [FieldOffset(56)]
    public long Precision;

    [FieldOffset(64)]
    public long Tolerance;

    [FieldOffset(72)]
    public long TimeSeconds;

    [FieldOffset(80)]
    public long TimeMicroseconds;

    [FieldOffset(88)]
    public long Tick;

    [FieldOffset(96)]
    public long PpsFreq;

    [FieldOffset(104)]
    public long Jitter;

    [FieldOffset(112)]
    public int Shift;

    [FieldOffset(120)]
    public long Stabil;

    [FieldOffset(128)]
    public long JitCount;

    [FieldOffset(136)]
    public long CalCount;

    [FieldOffset(144)]
    public long ErrCount;

    [FieldOffset(152)]
    public long StbCount;

    [FieldOffset(160)]
    public int Tai;
}
