using System.Buffers;
using System.Text;

namespace Exporters.Core.Metrics;

/// <summary>
/// A path as libc takes it, UTF-8 with a NUL at the end, built in a caller's stack buffer or, when that is
/// too small, a pooled one; dispose to give a pooled buffer back.
/// </summary>
internal ref struct NativePath
{
    private byte[]? _rented;

    /// <param name="path">The path as .NET holds it.</param>
    /// <param name="stack">Space for the common case, e.g. <c>stackalloc byte[256]</c>.</param>
    public NativePath(string path, Span<byte> stack)
    {
        var most = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var buffer = most <= stack.Length ? stack : (_rented = ArrayPool<byte>.Shared.Rent(most));
        var length = Encoding.UTF8.GetBytes(path, buffer);
        buffer[length] = 0;
        Bytes = buffer[..(length + 1)];
        IsValid = buffer[..length].IndexOf((byte)0) < 0;
    }

    /// <param name="path">The path's UTF-8 bytes, without a NUL.</param>
    /// <param name="stack">Space for the common case, e.g. <c>stackalloc byte[256]</c>.</param>
    public NativePath(ReadOnlySpan<byte> path, Span<byte> stack)
    {
        var buffer = path.Length < stack.Length ? stack : (_rented = ArrayPool<byte>.Shared.Rent(path.Length + 1));
        path.CopyTo(buffer);
        buffer[path.Length] = 0;
        Bytes = buffer[..(path.Length + 1)];
        IsValid = path.IndexOf((byte)0) < 0;
    }

    /// <summary>The path and its closing NUL.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>False when the path holds a NUL of its own, which no file name can.</summary>
    public bool IsValid { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
