using Exporters.Core.Exposition;

namespace Exporters.Core.Metrics;

/// <summary>
/// Gathers values when a scrape asks for them and writes them as samples, like a Go exporter's
/// Collector: the right shape for values that mirror another program's (they may go down as well as up).
/// </summary>
public interface IScrapeCollector
{
    /// <summary>Writes this collector's families. An exception fails only this collector, not the page.</summary>
    Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken);
}
