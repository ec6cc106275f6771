using System.Buffers.Text;

namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>Appends numbered access-log-like lines ("123 GET /index.html 200 612\n") to a file, buffered.</summary>
internal sealed class NumberedWriter : IDisposable
{
    private static readonly byte[] Rest = " GET /index.html HTTP/1.1 200 612\n"u8.ToArray();
    private readonly byte[] _line = new byte[64];
    private FileStream _stream;

    public NumberedWriter(string path, FileMode mode = FileMode.Append) => _stream = Open(path, mode);

    /// <summary>Bytes in the file as this writer sees it.</summary>
    public long Length => _stream.Length;

    public FileStream Stream => _stream;

    public void Write(int number)
    {
        Utf8Formatter.TryFormat(number, _line, out var digits);
        Rest.CopyTo(_line.AsSpan(digits));
        _stream.Write(_line, 0, digits + Rest.Length);
    }

    public void Flush() => _stream.Flush();

    /// <summary>Flushes and closes the current file.</summary>
    public void Close() => _stream.Dispose();

    /// <summary>Continues in <paramref name="path"/> after <see cref="Close"/>.</summary>
    public void Reopen(string path, FileMode mode = FileMode.Append) => _stream = Open(path, mode);

    public void Dispose() => _stream.Dispose();

    private static FileStream Open(string path, FileMode mode) =>
        new(path, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
}
