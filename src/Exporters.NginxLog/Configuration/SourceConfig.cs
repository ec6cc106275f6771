using Exporters.NginxLog.Syslog;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Configuration;

/// <summary>A namespace's <c>source</c>: its files and where reading starts, and its syslog listener.</summary>
internal sealed class SourceConfig
{
    /// <summary>May be empty when <see cref="Syslog"/> is set.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public StartPosition StartAt { get; init; } = StartPosition.End;

    public string? PositionFile { get; init; }

    public SyslogConfig? Syslog { get; init; }
}
