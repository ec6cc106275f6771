namespace Exporters.NginxLog.Syslog;

/// <summary>What became of one received syslog message.</summary>
internal enum SyslogOutcome
{
    /// <summary>Its content went to the namespace as a log line.</summary>
    Routed,

    /// <summary>Not a message of the expected format, or not UTF-8.</summary>
    Malformed,

    /// <summary>Its tag is not among the accepted ones.</summary>
    WrongTag,

    /// <summary>Longer than the namespace's max_line_bytes (or than a datagram buffer).</summary>
    Oversize,
}
