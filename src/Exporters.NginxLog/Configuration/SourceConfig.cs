using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Configuration;

/// <summary>A namespace's <c>source</c>: its files and where reading starts.</summary>
internal sealed class SourceConfig
{
    public required IReadOnlyList<string> Files { get; init; }

    public StartPosition StartAt { get; init; } = StartPosition.End;

    public string? PositionFile { get; init; }
}
