namespace Exporters.NginxLog.Syslog;

/// <summary>The syslog message format a listener expects (<c>source.syslog.format</c>).</summary>
internal enum SyslogFormat
{
    /// <summary>Each message is read as RFC 5424 when it starts <c>&lt;PRI&gt;1 </c>, else as RFC 3164.</summary>
    Auto,

    /// <summary>BSD syslog, as nginx writes it: <c>&lt;PRI&gt;Mmm dd hh:mm:ss host tag: message</c>.</summary>
    Rfc3164,

    /// <summary><c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA MSG</c>.</summary>
    Rfc5424,
}
