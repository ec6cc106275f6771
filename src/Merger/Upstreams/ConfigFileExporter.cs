namespace Exporters.Merger.Upstreams;

/// <summary>One exporter of the configuration file, as written, with the line it starts on for messages.</summary>
internal sealed class ConfigFileExporter
{
    public required long Line { get; init; }

    public string? Url { get; init; }

    public string? Name { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public string? Timeout { get; init; }
}
