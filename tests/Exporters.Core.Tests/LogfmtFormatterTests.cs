using Exporters.Core.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Exporters.Core.Tests;

public sealed class LogfmtFormatterTests
{
    [Fact]
    public void Writes_one_logfmt_line_with_text_properties_unquoted_in_the_message()
    {
        var template = new MessageTemplateParser().Parse("nginx at {Target} is down: {Reason}");
        var logEvent = new LogEvent(
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
            LogEventLevel.Warning,
            null,
            template,
            [
                new LogEventProperty("Target", new ScalarValue("http://x/stub_status")),
                new LogEventProperty("Reason", new ScalarValue("Connection \"refused\"")),
                new LogEventProperty("SourceContext", new ScalarValue("Exporters.NginxStub.NginxCollector")),
            ]);
        using var output = new StringWriter();

        new LogfmtFormatter().Format(logEvent, output);

        Assert.Equal(
            "ts=2026-01-02T03:04:05.678Z level=warn source=NginxCollector "
            + "msg=\"nginx at http://x/stub_status is down: Connection \\\"refused\\\"\" "
            + "Target=http://x/stub_status Reason=\"Connection \\\"refused\\\"\"\n",
            output.ToString());
    }
}
