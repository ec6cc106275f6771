using System.Runtime.InteropServices;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Receives up to <see cref="Slots"/> datagrams per system call (Linux recvmmsg) into native buffers
/// allocated once, with each datagram's truncation flag and the socket's count of datagrams the kernel
/// dropped because its receive buffer was full (SO_RXQ_OVFL with each datagram, SO_MEMINFO when the socket
/// is idle, since drops at the end of a burst come with no datagram after them). Buffers are touched only
/// as far as datagrams fill them, so a large slot costs address space, not memory.
/// </summary>
internal sealed unsafe partial class DatagramBatch : IDisposable
{
    public const int Slots = 64;

    private const int SolSocket = 1;
    private const int SoRxqOvfl = 40;
    private const int SoMeminfo = 55;
    private const int SkMeminfoDrops = 8;
    private const int MsgTrunc = 0x20;
    private const int MsgWaitForOne = 0x10000;
    private const int ControlBytes = 32;

    private readonly int _slotBytes;
    private readonly byte* _data;
    private readonly byte* _control;
    private readonly IoVector* _vectors;
    private readonly MessageHeader* _headers;
    private bool _disposed;

    /// <param name="slotBytes">The longest datagram taken whole; a longer one is received cut and flagged.</param>
    public DatagramBatch(int slotBytes)
    {
        if (sizeof(MessageHeader) != 64 || sizeof(IoVector) != 16)
        {
            throw new PlatformNotSupportedException("recvmmsg is used with the 64-bit Linux layout of struct mmsghdr");
        }

        _slotBytes = slotBytes;
        _data = (byte*)NativeMemory.Alloc((nuint)slotBytes * Slots);
        _control = (byte*)NativeMemory.AllocZeroed((nuint)ControlBytes * Slots);
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(sizeof(IoVector) * Slots));
        _headers = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(sizeof(MessageHeader) * Slots));
        for (var i = 0; i < Slots; i++)
        {
            _vectors[i].Base = _data + ((nint)i * slotBytes);
            _vectors[i].Length = (nuint)slotBytes;
            _headers[i].Vectors = &_vectors[i];
            _headers[i].VectorCount = 1;
        }
    }

    /// <summary>The kernel's count of datagrams it dropped for this socket, as last reported (it wraps at 2^32).</summary>
    public uint KernelDrops { get; private set; }

    /// <summary>Asks the kernel to report its drops with each datagram received after them.</summary>
    public static void ReportDrops(int socket)
    {
        var on = 1;
        _ = SetSocketOption(socket, SolSocket, SoRxqOvfl, &on, sizeof(int));
    }

    /// <summary>
    /// Waits for at least one datagram (up to the socket's receive timeout) and takes as many as are queued,
    /// up to <see cref="Slots"/>. Returns how many, or -errno.
    /// </summary>
    public int Receive(int socket)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < Slots; i++)
        {
            _headers[i].Control = _control + ((nint)i * ControlBytes);
            _headers[i].ControlLength = ControlBytes;
            _headers[i].Flags = 0;
        }

        var count = ReceiveMessages(socket, _headers, Slots, MsgWaitForOne, null);
        if (count < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        for (var i = 0; i < count; i++)
        {
            ReadDrops(ref _headers[i]);
        }

        return count;
    }

    /// <summary>Reads the socket's count of drops directly (SO_MEMINFO), for when no datagram brings it.</summary>
    public void PollDrops(int socket)
    {
        var info = stackalloc uint[16];
        var length = 16u * sizeof(uint);
        if (GetSocketOption(socket, SolSocket, SoMeminfo, info, &length) == 0 && length > SkMeminfoDrops * sizeof(uint))
        {
            Advance(info[SkMeminfoDrops]);
        }
    }

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>; truncated when longer than a slot.</summary>
    public ReadOnlySpan<byte> Datagram(int index, out bool truncated)
    {
        ref readonly var header = ref _headers[index];
        truncated = (header.Flags & MsgTrunc) != 0;
        return new ReadOnlySpan<byte>(_data + ((nint)index * _slotBytes), (int)Math.Min(header.Received, (uint)_slotBytes));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_data);
        NativeMemory.Free(_control);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_headers);
    }

    private void ReadDrops(ref MessageHeader header)
    {
        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } followed by the data.
        var offset = 0;
        var length = (int)header.ControlLength;
        var control = (byte*)header.Control;
        while (offset + 16 <= length)
        {
            var cmsgLength = (int)*(nuint*)(control + offset);
            if (cmsgLength < 16 || offset + cmsgLength > length)
            {
                return;
            }

            if (*(int*)(control + offset + 8) == SolSocket && *(int*)(control + offset + 12) == SoRxqOvfl && cmsgLength >= 20)
            {
                Advance(*(uint*)(control + offset + 16));
            }

            offset += (cmsgLength + 7) & ~7;
        }
    }

    /// <summary>
    /// Takes a newer count only: a datagram queued just before a poll carries the count of its own time, and
    /// the count wraps at 2^32.
    /// </summary>
    private void Advance(uint drops)
    {
        if ((int)(drops - KernelDrops) > 0)
        {
            KernelDrops = drops;
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int ReceiveMessages(int socket, MessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSocketOption(int socket, int level, int name, void* value, uint* length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSocketOption(int socket, int level, int name, void* value, uint length);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr: struct msghdr (56 bytes on LP64) and the received length.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct MessageHeader
    {
        [FieldOffset(0)]
        public void* Name;

        [FieldOffset(8)]
        public uint NameLength;

        [FieldOffset(16)]
        public IoVector* Vectors;

        [FieldOffset(24)]
        public nuint VectorCount;

        [FieldOffset(32)]
        public void* Control;

        [FieldOffset(40)]
        public nuint ControlLength;

        [FieldOffset(48)]
        public int Flags;

        [FieldOffset(56)]
        public uint Received;
    }
}
