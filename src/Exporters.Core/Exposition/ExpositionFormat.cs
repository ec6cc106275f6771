namespace Exporters.Core.Exposition;

/// <summary>The two text formats a scraper may ask for.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4.</summary>
    Text004,

    /// <summary>OpenMetrics 1.0.0 text.</summary>
    OpenMetrics100,
}
