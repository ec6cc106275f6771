using System.Buffers;
using Exporters.Core.Metrics;

namespace Exporters.Node;

/// <summary>
/// A whole /proc or /sys file read into a pooled buffer that grows until the file fits; dispose to give
/// the buffer back.
/// </summary>
internal ref struct FileBuffer
{
    private const int InitialSize = 16 * 1024;
    private const int MaxSize = 64 * 1024 * 1024;
    private byte[]? _rented;

    private FileBuffer(byte[] rented, int length)
    {
        _rented = rented;
        Length = length;
    }

    public int Length { get; }

    public readonly ReadOnlySpan<byte> Span => _rented is null ? default : _rented.AsSpan(0, Length);

    /// <exception cref="IOException">The file cannot be opened or read; the message names the path.</exception>
    public static FileBuffer Read(string path) =>
        TryRead(path, out var file, out var errno) ? file : throw ProcFile.Error(path, errno);

    /// <summary>The file, or an empty buffer when there is no such file (as for /proc/net/snmp6 without IPv6).</summary>
    /// <exception cref="IOException">The file exists but cannot be read; the message names the path.</exception>
    public static FileBuffer ReadIfExists(string path)
    {
        if (TryRead(path, out var file, out var errno))
        {
            return file;
        }

        return ProcFile.IsNoFile(errno) ? default : throw ProcFile.Error(path, errno);
    }

    /// <summary>The file, or false with the error number when it cannot be opened or read (e.g. it does not exist).</summary>
    public static bool TryRead(string path, out FileBuffer file, out int errno)
    {
        var size = InitialSize;
        while (true)
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            if (!ProcFile.TryRead(path, rented, out var read, out errno))
            {
                ArrayPool<byte>.Shared.Return(rented);
                file = default;
                return false;
            }

            if (read < rented.Length || rented.Length >= MaxSize)
            {
                file = new FileBuffer(rented, read);
                return true;
            }

            ArrayPool<byte>.Shared.Return(rented);
            size = rented.Length * 2;
        }
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
