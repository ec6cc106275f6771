namespace Exporters.NginxLog.Format;

/// <summary>How values are escaped in a log line.</summary>
internal enum ValueEscaping
{
    /// <summary>nginx's default log escaping: <c>"</c>, <c>\</c>, control and non-ASCII bytes as <c>\xHH</c>.</summary>
    Nginx,

    /// <summary>JSON string escapes (log_format escape=json, or a JSON-lines parser).</summary>
    Json,
}
