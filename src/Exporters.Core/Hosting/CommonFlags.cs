using Exporters.Core.Configuration;
using Exporters.Core.Logging;

namespace Exporters.Core.Hosting;

/// <summary>The flags every service has: web.listen-address, web.telemetry-path, log.level, log.format.</summary>
public static class CommonFlags
{
    public const string ListenAddress = "web.listen-address";
    public const string TelemetryPath = "web.telemetry-path";
    public const string LogLevel = "log.level";
    public const string LogFormat = "log.format";
    public const string WebConfigFile = "web.config.file";
    public const string HealthCheck = "healthcheck";

    public static void Add(FlagSet flags, ExporterInfo info)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(info);
        flags.Add(new FlagDefinition(ListenAddress, FlagKind.String, "Address on which to expose metrics and the web interface.")
        {
            Default = $":{info.DefaultPort}",
            EnvironmentVariable = info.ListenAddressVariable,
            Placeholder = "[HOST]:PORT",
            Validate = value => Hosting.ListenAddress.TryParse(value, out _, out var error) ? null : error,
        });
        flags.Add(new FlagDefinition(TelemetryPath, FlagKind.String, "Path under which to expose metrics.")
        {
            Default = "/metrics",
            EnvironmentVariable = info.TelemetryPathVariable,
            Placeholder = "PATH",
            Validate = value => value.StartsWith('/') && !value.Contains('?', StringComparison.Ordinal) && value != "/" && value != "/healthz"
                ? null
                : "must be a path such as /metrics, other than / and /healthz",
        });
        flags.Add(new FlagDefinition(WebConfigFile, FlagKind.String, "Path to a web configuration file (exporter-toolkit format) that enables TLS and/or basic authentication.")
        {
            Placeholder = "FILE",
        });
        // No environment variable: set in a container's environment, it would turn the service itself into a probe.
        flags.Add(new FlagDefinition(HealthCheck, FlagKind.Bool, "Do not serve: GET /healthz from the service that these same flags describe (its listen address, TLS from the web configuration), exit 0 if it answers 200 and 1 if not. For container health checks.")
        {
            Default = "false",
        });
        flags.Add(new FlagDefinition(LogLevel, FlagKind.String, "Only log messages with the given severity or above: debug, info, warn, error.")
        {
            Default = "info",
            EnvironmentVariable = info.LogLevelVariable,
            Placeholder = "LEVEL",
            Validate = value => LogSetup.Levels.Contains(value) ? null : "must be one of debug, info, warn, error",
        });
        flags.Add(new FlagDefinition(LogFormat, FlagKind.String, "Output format of log messages: logfmt or json.")
        {
            Default = "logfmt",
            EnvironmentVariable = info.LogFormatVariable,
            Placeholder = "FORMAT",
            Validate = value => LogSetup.Formats.Contains(value) ? null : "must be logfmt or json",
        });
    }
}
