using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace Exporters.Core.Logging;

/// <summary>Builds the Serilog logger from --log.level and --log.format; events go to stderr.</summary>
public static class LogSetup
{
    public static readonly IReadOnlyList<string> Levels = ["debug", "info", "warn", "error"];
    public static readonly IReadOnlyList<string> Formats = ["logfmt", "json"];

    public static Serilog.Core.Logger Create(string level, string format)
    {
        var minimum = level switch
        {
            "debug" => LogEventLevel.Debug,
            "warn" => LogEventLevel.Warning,
            "error" => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        ITextFormatter formatter = format == "json" ? new CompactJsonFormatter() : new LogfmtFormatter();
        return new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", minimum == LogEventLevel.Debug ? LogEventLevel.Information : LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
            .WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose).CreateLogger();
    }
}
