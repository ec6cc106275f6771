namespace Exporters.NginxLog.Configuration;

/// <summary>A configuration file, read and checked: its namespaces and the flag values its <c>listen</c> section gives.</summary>
internal sealed class LoadedConfig
{
    public required NginxLogConfig Config { get; init; }

    /// <summary>
    /// Flag values from the file's top-level <c>listen</c> section (<c>web.listen-address</c>, <c>web.telemetry-path</c>),
    /// keyed by flag name; flags given on the command line or in the environment take precedence.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FlagDefaults { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
