using System.Text;

namespace Exporters.Core.Exposition;

/// <summary>
/// A family's name, HELP and TYPE, encoded once into the header lines and sample names of both formats.
/// </summary>
public sealed class MetricFamily
{
    public MetricFamily(string name, string help, MetricType type)
    {
        if (!MetricNames.IsValidMetricName(name))
        {
            throw new ArgumentException($"\"{name}\" is not a valid metric name", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(help);
        Name = name;
        Help = help;
        Type = type;
        var openMetricsName = type == MetricType.Counter && name.EndsWith("_total", StringComparison.Ordinal)
            ? name[..^"_total".Length]
            : name;
        TextHeader = Encoding.UTF8.GetBytes(
            $"# HELP {name} {MetricNames.EscapeHelp(help, openMetrics: false)}\n# TYPE {name} {TypeName(type, openMetrics: false)}\n");
        OpenMetricsHeader = Encoding.UTF8.GetBytes(
            $"# HELP {openMetricsName} {MetricNames.EscapeHelp(help, openMetrics: true)}\n# TYPE {openMetricsName} {TypeName(type, openMetrics: true)}\n");
        TextSampleName = Encoding.UTF8.GetBytes(name);
        OpenMetricsSampleName = Encoding.UTF8.GetBytes(type == MetricType.Counter ? openMetricsName + "_total" : name);
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    internal byte[] TextHeader { get; }

    internal byte[] OpenMetricsHeader { get; }

    internal byte[] TextSampleName { get; }

    internal byte[] OpenMetricsSampleName { get; }

    private static string TypeName(MetricType type, bool openMetrics) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        _ => openMetrics ? "unknown" : "untyped",
    };
}
