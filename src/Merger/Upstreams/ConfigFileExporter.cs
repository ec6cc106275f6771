namespace Exporters.Merger.Upstreams;

/// <summary>One exporter of the configuration file.</summary>
internal sealed class ConfigFileExporter
{
    public string? Url { get; set; }

    public string? Name { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public string? Timeout { get; set; }
}
