using System.Text;
using Exporters.NginxLog.Syslog;

namespace Exporters.NginxLog.Tests.Syslog;

/// <summary>Tags and contents found in place, in the formats nginx and others write.</summary>
public sealed class SyslogParserTests
{
    [Theory]
    [InlineData("<190>Jan  2 03:04:05 web1 nginx: 1.2.3.4 GET", "Rfc3164", "nginx", "1.2.3.4 GET")]
    [InlineData("<190>Jan  2 03:04:05 nginx: no host name", "Rfc3164", "nginx", "no host name")]
    [InlineData("<13>Feb 12 13:14:15 host app[123]: with pid\n", "Auto", "app", "with pid")]
    [InlineData("<165>1 2003-10-11T22:14:15.003Z host nginx - ID47 - the line", "Auto", "nginx", "the line")]
    [InlineData("<165>1 2003-10-11T22:14:15.003Z host nginx 12 - [a@1 x=\"q]\\\"\"][b@2] \uFEFFafter data", "Rfc5424", "nginx", "after data")]
    [InlineData("<165>1 - - nginx - - -", "Rfc5424", "nginx", "")]
    public void Finds_tag_and_content(string message, string format, string tag, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(message);

        Assert.True(SyslogParser.TryParse(bytes, Enum.Parse<SyslogFormat>(format), out var t, out var c));

        Assert.Equal(tag, Encoding.UTF8.GetString(bytes.AsSpan()[t]));
        Assert.Equal(content, Encoding.UTF8.GetString(bytes.AsSpan()[c]));
    }

    [Theory]
    [InlineData("", "Auto")]
    [InlineData("garbage", "Auto")]
    [InlineData("<999>Jan  2 03:04:05 host nginx: x", "Auto")]
    [InlineData("<190>", "Auto")]
    [InlineData("<190>Jan  2 03:04:05 host no-colon-tag", "Rfc3164")]
    [InlineData("<190>Jan  2 03:04:05 host nginx: x", "Rfc5424")]
    [InlineData("<165>1 2003-10-11T22:14:15.003Z host nginx - - [unterminated", "Rfc5424")]
    public void Refuses_what_is_not_syslog(string message, string format) =>
        Assert.False(SyslogParser.TryParse(Encoding.UTF8.GetBytes(message), Enum.Parse<SyslogFormat>(format), out _, out _));
}
