using System.Runtime.InteropServices;

namespace Exporters.Core.Metrics;

/// <summary>
/// The names in a directory, read with readdir alone and handed out as bytes: no string, no stat per
/// entry (.NET's enumeration stats every symbolic link, and /sys is made of them). "." and ".." are left
/// out; the order is the file system's. Dispose to close the directory.
/// </summary>
public unsafe ref struct DirectoryEntries
{
    // struct dirent64 on Linux: d_ino, d_off (8 bytes each), d_reclen (2), d_type (1), then d_name.
    private const int NameOffset = 19;
    private IntPtr _dir;

    private DirectoryEntries(IntPtr dir)
    {
        _dir = dir;
    }

    /// <summary>The current entry's name, without its NUL; valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Name { get; private set; }

    /// <summary>Opens the directory at <paramref name="path"/>; false, with the error number, when it cannot be read.</summary>
    public static bool TryOpen(string path, out DirectoryEntries entries, out int errno)
    {
        ArgumentNullException.ThrowIfNull(path);
        var dir = LibC.OpenDir(path);
        if (dir == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            entries = default;
            return false;
        }

        errno = 0;
        entries = new DirectoryEntries(dir);
        return true;
    }

    /// <summary>Moves to the next entry; false at the end.</summary>
    public bool MoveNext()
    {
        while (_dir != IntPtr.Zero)
        {
            var entry = (byte*)LibC.ReadDir(_dir);
            if (entry is null)
            {
                break;
            }

            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + NameOffset);
            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            {
                continue;
            }

            Name = name;
            return true;
        }

        Name = default;
        return false;
    }

    public void Dispose()
    {
        if (_dir != IntPtr.Zero)
        {
            _ = LibC.CloseDir(_dir);
            _dir = IntPtr.Zero;
        }
    }
}
