using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Exporters.Core.Logging;

/// <summary>
/// Writes each event as one logfmt line, as the Go exporters do:
/// <c>ts=2026-01-02T03:04:05.678Z level=info msg="Listening" address=:9113</c>.
/// </summary>
public sealed class LogfmtFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("ts=");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        output.Write(" level=");
        output.Write(LevelName(logEvent.Level));
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string sourceName })
        {
            output.Write(" source=");
            WriteValue(output, sourceName[(sourceName.LastIndexOf('.') + 1)..]);
        }

        output.Write(" msg=");
        WriteValue(output, RenderMessage(logEvent));
        foreach (var (name, value) in logEvent.Properties)
        {
            if (name == "SourceContext")
            {
                continue;
            }

            output.Write(' ');
            output.Write(name);
            output.Write('=');
            WriteValue(output, value is ScalarValue { Value: string text } ? text : value.ToString(null, CultureInfo.InvariantCulture));
        }

        if (logEvent.Exception is not null)
        {
            output.Write(" err=");
            WriteValue(output, logEvent.Exception.Message);
        }

        output.Write('\n');
    }

    /// <summary>Go's level names.</summary>
    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warn",
        _ => "error",
    };

    /// <summary>The message with text properties as they are, not quoted as Serilog's default rendering does.</summary>
    private static string RenderMessage(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string raw })
            {
                text.Write(raw);
            }
            else
            {
                token.Render(logEvent.Properties, text, CultureInfo.InvariantCulture);
            }
        }

        return text.ToString();
    }

    private static void WriteValue(TextWriter output, string value)
    {
        var needsQuotes = value.Length == 0;
        foreach (var c in value)
        {
            if (c <= ' ' || c is '=' or '"' or '\\' || char.IsControl(c))
            {
                needsQuotes = true;
                break;
            }
        }

        if (!needsQuotes)
        {
            output.Write(value);
            return;
        }

        output.Write('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Write("\\\""); break;
                case '\\': output.Write("\\\\"); break;
                case '\n': output.Write("\\n"); break;
                case '\r': output.Write("\\r"); break;
                case '\t': output.Write("\\t"); break;
                default: output.Write(c); break;
            }
        }

        output.Write('"');
    }
}
