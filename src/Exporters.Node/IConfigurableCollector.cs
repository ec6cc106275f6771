using Exporters.Core.Configuration;

namespace Exporters.Node;

/// <summary>
/// A collector with flags of its own (<c>--collector.&lt;name&gt;.*</c>): it defines them, with node_exporter's
/// names, help and defaults, and reads them when it is enabled.
/// </summary>
internal interface IConfigurableCollector : INodeCollector
{
    /// <summary>Adds this collector's flags (not its enable flag, which every collector has).</summary>
    void DefineFlags(FlagSet flags);

    /// <summary>Reads this collector's flags; called once at start, only when the collector is enabled.</summary>
    /// <exception cref="UsageException">A value or a combination of values node_exporter refuses, or a feature this exporter lacks.</exception>
    void Configure(FlagValues flags, Serilog.ILogger logger);
}
