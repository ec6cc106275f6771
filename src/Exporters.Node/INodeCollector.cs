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
    /// <exception cref="IOException">A file is missing or unreadable; the collector reports failure.</exception>
    /// <exception cref="FormatException">A file is malformed.</exception>
    void Update(NodePaths paths, ExpositionWriter writer);
}
