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

    public static FileBuffer Read(string path)
    {
        var size = InitialSize;
        while (true)
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var read = ProcFile.Read(path, rented).Length;
                if (read < rented.Length || rented.Length >= MaxSize)
                {
                    return new FileBuffer(rented, read);
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
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
