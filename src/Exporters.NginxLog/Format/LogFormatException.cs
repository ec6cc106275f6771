namespace Exporters.NginxLog.Format;

/// <summary>A log_format string that cannot be compiled; the message names the 0-based position.</summary>
internal sealed class LogFormatException : Exception
{
    public LogFormatException(string problem, int position)
        : base($"log_format, position {position}: {problem}")
    {
        Position = position;
    }

    /// <summary>The 0-based position in the format string the problem was found at.</summary>
    public int Position { get; }
}
