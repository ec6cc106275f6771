namespace Exporters.NginxLog.Configuration;

/// <summary>Which set of families a namespace exports.</summary>
internal enum MetricsStyle
{
    /// <summary>Histograms under <c>_seconds</c>.</summary>
    Default,

    /// <summary>prometheus-nginxlog-exporter's set: summaries under <c>_seconds</c>, histograms under <c>_seconds_hist</c>.</summary>
    NginxlogExporter,
}
