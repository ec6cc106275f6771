using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// One node_exporter collector: a name that becomes the <c>--collector.&lt;name&gt;</c> flag, whether it runs
/// without being asked for, and one method that writes its families for a scrape.
/// </summary>
internal interface INodeCollector
{
    string Name { get; }

    bool EnabledByDefault { get; }

    /// <summary>Reads the node's files under <paramref name="paths"/> and writes this collector's families.</summary>
    /// <returns>
    /// True when the collector succeeded; false when its subsystem is not on this node and node_exporter
    /// reports that as no data (<c>node_scrape_collector_success</c> 0, logged at debug level only). A
    /// subsystem that is absent is told without an exception, so it costs next to nothing per scrape.
    /// </returns>
    /// <exception cref="IOException">A file is missing or unreadable; the collector reports failure.</exception>
    /// <exception cref="FormatException">A file is malformed.</exception>
    bool Update(NodePaths paths, ExpositionWriter writer);
}
