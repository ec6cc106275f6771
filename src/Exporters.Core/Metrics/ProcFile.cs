using System.Runtime.InteropServices;

namespace Exporters.Core.Metrics;

/// <summary>
/// Reads a small file of /proc or /sys whole into a caller's buffer, without allocating: open, read until
/// the end or the buffer is full, close, and nothing else (no fstat, no lock, and no exception for a file
/// the kernel refuses to read).
/// </summary>
public static class ProcFile
{
    /// <summary>Reads up to the buffer's length and returns the part that was filled.</summary>
    /// <exception cref="IOException">The file cannot be opened or read; the message names the path.</exception>
    public static ReadOnlySpan<byte> Read(string path, Span<byte> buffer)
    {
        if (!TryRead(path, buffer, out var length, out var errno))
        {
            throw Error(path, errno);
        }

        return buffer[..length];
    }

    /// <summary>
    /// Reads up to the buffer's length; false, with the error number, when the file cannot be opened or read
    /// (missing, a directory, or a property the kernel cannot give, e.g. EINVAL for the speed of lo). A
    /// length equal to the buffer's means the file may be longer.
    /// </summary>
    public static bool TryRead(string path, Span<byte> buffer, out int length, out int errno)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var name = new NativePath(path, stackalloc byte[256]);
        if (!name.IsValid)
        {
            length = 0;
            errno = LibC.ErrorInvalid;
            return false;
        }

        return TryReadAt(LibC.AtFdCwd, name.Bytes, buffer, wholeInOneRead: false, out length, out errno);
    }

    /// <summary>
    /// Whether an error number of <see cref="TryRead"/> means there is no file at the path: nothing there,
    /// a part of the path that is not a directory, or a directory (what <see cref="File.Exists"/> answers
    /// false for), as opposed to a file that exists but cannot be read.
    /// </summary>
    public static bool IsNoFile(int errno) => errno is LibC.ErrorNoEntry or LibC.ErrorNotDirectory or LibC.ErrorIsDirectory;

    /// <summary>The exception <see cref="Read"/> throws for an error number: the path and the system's message.</summary>
    public static IOException Error(string path, int errno)
    {
        var message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno switch
        {
            LibC.ErrorNoEntry => new FileNotFoundException(message, path),
            LibC.ErrorNotDirectory => new DirectoryNotFoundException(message),
            _ => new IOException(message, errno),
        };
    }

    /// <summary>openat(2), again when a signal interrupts it; -1 and the error number when it fails.</summary>
    internal static unsafe int OpenAt(int directory, ReadOnlySpan<byte> path, int flags, out int errno)
    {
        fixed (byte* name = path)
        {
            while (true)
            {
                var fd = LibC.OpenAt(directory, name, flags | LibC.CloseOnExec, 0);
                if (fd >= 0)
                {
                    errno = 0;
                    return fd;
                }

                errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.ErrorInterrupted)
                {
                    return -1;
                }
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> (NUL-terminated UTF-8) relative to <paramref name="directory"/> and
    /// reads it into <paramref name="buffer"/>: until a read returns 0 or the buffer is full, or with one
    /// read when <paramref name="wholeInOneRead"/>.
    /// </summary>
    internal static unsafe bool TryReadAt(int directory, ReadOnlySpan<byte> path, Span<byte> buffer, bool wholeInOneRead, out int length, out int errno)
    {
        length = 0;
        var fd = OpenAt(directory, path, LibC.ReadOnly, out errno);
        if (fd < 0)
        {
            return false;
        }

        fixed (byte* start = buffer)
        {
            while (length < buffer.Length)
            {
                var read = LibC.Read(fd, start + length, buffer.Length - length);
                if (read > 0)
                {
                    length += (int)read;
                    if (wholeInOneRead)
                    {
                        break;
                    }
                }
                else if (read == 0)
                {
                    break;
                }
                else if ((errno = Marshal.GetLastPInvokeError()) != LibC.ErrorInterrupted)
                {
                    length = 0;
                    break;
                }
                else
                {
                    errno = 0;
                }
            }
        }

        _ = LibC.Close(fd);
        return errno == 0;
    }
}
