namespace Exporters.NginxLog.Parsing;

/// <summary>
/// What one line says, filled by <c>LineParser</c> without allocating: the raw (still escaped) range of
/// every variable of the format, and the values with a meaning. One instance is reused line after line.
/// </summary>
internal sealed class LineValues
{
    public LineValues(int variableCount)
    {
        Variables = new Range[variableCount];
        Reset();
    }

    /// <summary>Each variable's value as a range into the line, in the matcher's variable order.</summary>
    public Range[] Variables { get; }

    public HttpMethodKind Method { get; set; }

    /// <summary>The HTTP status; 0 when the format has no $status.</summary>
    public int Status { get; set; }

    /// <summary>$body_bytes_sent; -1 when absent or "-".</summary>
    public long BodyBytesSent { get; set; }

    /// <summary>$bytes_sent; -1 when absent or "-".</summary>
    public long BytesSent { get; set; }

    /// <summary>$request_length; -1 when absent or "-".</summary>
    public long RequestLength { get; set; }

    /// <summary>$request_time in seconds; NaN when absent or "-".</summary>
    public double RequestTime { get; set; }

    /// <summary>$upstream_response_time in seconds, the sum of all its values; NaN when absent or "-".</summary>
    public double UpstreamResponseTime { get; set; }

    /// <summary>$upstream_connect_time, summed likewise; NaN when absent.</summary>
    public double UpstreamConnectTime { get; set; }

    /// <summary>$upstream_header_time, summed likewise; NaN when absent.</summary>
    public double UpstreamHeaderTime { get; set; }

    public void Reset()
    {
        Array.Fill(Variables, default);
        Method = HttpMethodKind.None;
        Status = 0;
        BodyBytesSent = BytesSent = RequestLength = -1;
        RequestTime = UpstreamResponseTime = UpstreamConnectTime = UpstreamHeaderTime = double.NaN;
    }
}
