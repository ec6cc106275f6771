namespace Exporters.Merger.Upstreams;

/// <summary>The YAML configuration file: <c>exporters: [{url, name, labels, timeout}]</c>.</summary>
internal sealed class ConfigFile
{
    public List<ConfigFileExporter>? Exporters { get; set; }
}
