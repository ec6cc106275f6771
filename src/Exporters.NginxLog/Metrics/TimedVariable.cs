using Exporters.NginxLog.Parsing;

namespace Exporters.NginxLog.Metrics;

/// <summary>A variable measured in seconds, observed into a histogram (and a summary in the Go exporter's style).</summary>
internal sealed class TimedVariable
{
    public static readonly TimedVariable RequestTime = new("request_time", "http_response_time_seconds", "Time needed by NGINX to handle requests", static v => v.RequestTime);
    public static readonly TimedVariable UpstreamTime = new("upstream_response_time", "http_upstream_time_seconds", "Time needed by upstream servers to handle requests", static v => v.UpstreamResponseTime);
    public static readonly TimedVariable UpstreamConnectTime = new("upstream_connect_time", "http_upstream_connect_time_seconds", "Time needed to connect to upstream servers", static v => v.UpstreamConnectTime);

    public static readonly IReadOnlyList<TimedVariable> All = [RequestTime, UpstreamTime, UpstreamConnectTime];

    private TimedVariable(string variable, string metricName, string help, Func<LineValues, double> value)
    {
        Variable = variable;
        MetricName = metricName;
        Help = help;
        Value = value;
    }

    /// <summary>The nginx variable, without <c>$</c>.</summary>
    public string Variable { get; }

    /// <summary>The family name after the namespace prefix.</summary>
    public string MetricName { get; }

    public string Help { get; }

    /// <summary>The parsed value; NaN when the line has none.</summary>
    public Func<LineValues, double> Value { get; }
}
