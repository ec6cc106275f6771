namespace Exporters.Core.Hosting;

/// <summary>What a service is called and where it listens by default.</summary>
public sealed class ExporterInfo
{
    /// <summary>The command name shown in --help and error lines.</summary>
    public required string ProgramName { get; init; }

    /// <summary>The title of the landing page and the --version line.</summary>
    public required string Title { get; init; }

    /// <summary>One paragraph for --help.</summary>
    public required string Description { get; init; }

    /// <summary>The prefix of <c>&lt;prefix&gt;_build_info</c>.</summary>
    public required string MetricPrefix { get; init; }

    public required int DefaultPort { get; init; }

    /// <summary>Environment variables of the flags every service has; null where a service has none.</summary>
    public string? ListenAddressVariable { get; init; }

    public string? TelemetryPathVariable { get; init; }

    public string? LogLevelVariable { get; init; }

    public string? LogFormatVariable { get; init; }
}
