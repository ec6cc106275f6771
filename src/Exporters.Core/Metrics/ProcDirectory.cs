namespace Exporters.Core.Metrics;

/// <summary>
/// A directory of /proc or /sys held by a path-only descriptor, whose files are then opened by name: the
/// kernel does not walk the directory's whole path (and follow its links) again for every file. Dispose
/// to close it; the default value is a directory that is not open, from which every read fails. A copy
/// shares the descriptor (and <c>using (x)</c> disposes a copy of x): dispose exactly one, once.
/// </summary>
public struct ProcDirectory : IDisposable
{
    private const int BadDescriptor = 9;

    // The descriptor plus one, so that the default value is "not open".
    private int _handle;

    private ProcDirectory(int fd)
    {
        _handle = fd + 1;
    }

    public readonly bool IsOpen => _handle > 0;

    /// <summary>Opens the directory at <paramref name="path"/>; false, with the error number, when it is missing or not a directory.</summary>
    public static bool TryOpen(string path, out ProcDirectory directory, out int errno)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var name = new NativePath(path, stackalloc byte[256]);
        return TryOpenAt(LibC.AtFdCwd, name.Bytes, name.IsValid, out directory, out errno);
    }

    /// <summary>Opens the directory <paramref name="name"/> (UTF-8) inside this one, following a link.</summary>
    public readonly bool TryOpen(ReadOnlySpan<byte> name, out ProcDirectory directory, out int errno)
    {
        if (!IsOpen)
        {
            directory = default;
            errno = BadDescriptor;
            return false;
        }

        using var path = new NativePath(name, stackalloc byte[256]);
        return TryOpenAt(_handle - 1, path.Bytes, path.IsValid, out directory, out errno);
    }

    /// <summary>
    /// Reads the file <paramref name="name"/> (UTF-8) of this directory, as <see cref="ProcFile.TryRead"/>
    /// reads a path.
    /// </summary>
    public readonly bool TryRead(ReadOnlySpan<byte> name, Span<byte> buffer, out int length, out int errno) =>
        TryRead(name, buffer, wholeInOneRead: false, out length, out errno);

    /// <summary>
    /// Reads the sysfs attribute <paramref name="name"/> of this directory with a single read: the kernel
    /// renders an attribute whole (at most a page) on the first read, so the read that would return 0 is
    /// left out, as node_exporter's procfs library reads them. A buffer of a page holds any attribute.
    /// </summary>
    public readonly bool TryReadAttribute(ReadOnlySpan<byte> name, Span<byte> buffer, out int length, out int errno) =>
        TryRead(name, buffer, wholeInOneRead: true, out length, out errno);

    public void Dispose()
    {
        if (_handle > 0)
        {
            _ = LibC.Close(_handle - 1);
            _handle = 0;
        }
    }

    private readonly bool TryRead(ReadOnlySpan<byte> name, Span<byte> buffer, bool wholeInOneRead, out int length, out int errno)
    {
        using var path = new NativePath(name, stackalloc byte[256]);
        if (!IsOpen || !path.IsValid)
        {
            length = 0;
            errno = IsOpen ? LibC.ErrorInvalid : BadDescriptor;
            return false;
        }

        return ProcFile.TryReadAt(_handle - 1, path.Bytes, buffer, wholeInOneRead, out length, out errno);
    }

    private static bool TryOpenAt(int parent, ReadOnlySpan<byte> path, bool valid, out ProcDirectory directory, out int errno)
    {
        directory = default;
        if (!valid)
        {
            errno = LibC.ErrorInvalid;
            return false;
        }

        var fd = ProcFile.OpenAt(parent, path, LibC.PathOnly | LibC.Directory, out errno);
        if (fd < 0)
        {
            return false;
        }

        directory = new ProcDirectory(fd);
        return true;
    }
}
