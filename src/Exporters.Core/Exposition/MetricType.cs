namespace Exporters.Core.Exposition;

/// <summary>A family's TYPE.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
    Untyped,
}
