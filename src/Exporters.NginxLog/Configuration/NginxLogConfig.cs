namespace Exporters.NginxLog.Configuration;

/// <summary>The whole configuration: one or more namespaces.</summary>
internal sealed class NginxLogConfig
{
    public required IReadOnlyList<NamespaceConfig> Namespaces { get; init; }

    /// <summary>The file it was loaded from, for error messages; null in quick mode.</summary>
    public string? FileName { get; init; }
}
