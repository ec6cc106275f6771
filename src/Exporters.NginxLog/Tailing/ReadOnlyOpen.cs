using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// open(2) for reading that never waits: O_NONBLOCK makes opening a FIFO with no writer return at once
/// (a plain open waits for a writer, and nothing can interrupt it). On a regular file O_NONBLOCK changes
/// nothing; the caller checks with fstat that a regular file is what was opened.
/// </summary>
internal static partial class ReadOnlyOpen
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const int NoDeviceOrAddress = 6;

    /// <summary>The open handle, or null with <paramref name="missing"/> (nothing at the path) or a reason.</summary>
    public static SafeFileHandle? TryOpen(string path, out bool missing, out string? reason)
    {
        var fd = Native(path, ReadOnly | NonBlocking | CloseOnExec);
        if (fd >= 0)
        {
            missing = false;
            reason = null;
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        missing = errno is NoSuchFile or NotADirectory;

        // ENXIO: a unix socket, or a device with no driver behind it.
        reason = errno == NoDeviceOrAddress ? "it is a socket or a device that cannot be opened" : Marshal.GetPInvokeErrorMessage(errno);
        return null;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(string path, int flags);
}
