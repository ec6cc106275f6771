using Microsoft.Win32.SafeHandles;

namespace Exporters.Core.Metrics;

/// <summary>Reads a small file of /proc or /sys whole into a caller's buffer, without allocating.</summary>
public static class ProcFile
{
    /// <summary>Reads up to the buffer's length and returns the part that was filled.</summary>
    public static ReadOnlySpan<byte> Read(string path, Span<byte> buffer)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return buffer[..total];
    }
}
