namespace Exporters.NginxLog.Tailing;

/// <summary>
/// Receives the lines a tailer reads. Calls for one file come one at a time, in file order; lines of
/// different files may arrive on different threads at once, so an implementation must be thread-safe.
/// </summary>
internal interface ILineSink
{
    /// <summary>
    /// One complete line, without its "\n" and without a "\r" before it. The span is only valid during
    /// the call: copy what must outlive it.
    /// </summary>
    void OnLine(ReadOnlySpan<byte> line);

    /// <summary>A line longer than the tailer's maximum was skipped whole; its bytes were never buffered.</summary>
    void OnLineTooLong(long length);
}
