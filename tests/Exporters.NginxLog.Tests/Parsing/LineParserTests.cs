using System.Text;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Parsing;

namespace Exporters.NginxLog.Tests.Parsing;

public sealed class LineParserTests
{
    internal const string WorkerFormat =
        "'$remote_addr - $remote_user [$time_local] \"$request\" ' '$status $body_bytes_sent \"$http_referer\" ' '\"$http_user_agent\" rt=$request_time'";

    internal const string WorkerLine =
        "192.168.1.10 - - [24/Nov/2026:02:35:06 +0000] \"GET /api/v1/items?id=3 HTTP/1.1\" 200 612 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\" rt=0.004";

    internal const string CombinedFormat =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    internal const string UpstreamFormat =
        "$remote_addr [$time_local] \"$request\" $status $bytes_sent $request_length rt=$request_time "
        + "urt=\"$upstream_response_time\" uct=\"$upstream_connect_time\" uht=\"$upstream_header_time\"";

    internal const string UpstreamLine =
        "10.1.2.3 [24/Nov/2026:02:35:07 +0000] \"POST /checkout HTTP/2.0\" 502 1543 2210 rt=0.215 "
        + "urt=\"0.012, 0.003 : 0.100\" uct=\"0.001, - : 0.002\" uht=\"-\"";

    private const string JsonFormat =
        "'{\"time\":\"$time_iso8601\",\"remote_addr\":\"$remote_addr\",\"request\":\"$request\",\"request_method\":\"$request_method\",' "
        + "'\"status\":\"$status\",\"body_bytes_sent\":\"$body_bytes_sent\",\"request_time\":\"$request_time\",' "
        + "'\"upstream_response_time\":\"$upstream_response_time\",\"http_user_agent\":\"$http_user_agent\"}'";

    [Fact]
    public void Parses_a_worker_line()
    {
        var (error, values) = Parse(WorkerFormat, WorkerLine);

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.Get, values.Method);
        Assert.Equal(200, values.Status);
        Assert.Equal(612, values.BodyBytesSent);
        Assert.Equal(0.004, values.RequestTime);
        Assert.Equal(-1, values.BytesSent);
        Assert.Equal(-1, values.RequestLength);
        Assert.True(double.IsNaN(values.UpstreamResponseTime));
    }

    [Fact]
    public void Keeps_the_raw_ranges_of_every_variable()
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(WorkerFormat)));
        var values = parser.CreateValues();
        var line = Encoding.UTF8.GetBytes(WorkerLine);

        Assert.Equal(ParseError.None, parser.Parse(line, values));

        Assert.Equal("192.168.1.10", Text(line, values.Variables[0]));
        Assert.Equal("24/Nov/2026:02:35:06 +0000", Text(line, values.Variables[2]));
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", Text(line, values.Variables[7]));
    }

    [Fact]
    public void A_user_agent_with_spaces_and_escaped_quotes_still_parses()
    {
        var (error, values) = Parse(
            WorkerFormat,
            "10.0.0.7 - alice [24/Nov/2026:02:35:08 +0000] \"HEAD /health HTTP/1.0\" 204 0 \"https://example.org/a b\" \"Bot \\x22quoted\\x22 (compatible; v=1)\" rt=0.000");

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.Head, values.Method);
        Assert.Equal(204, values.Status);
        Assert.Equal(0, values.BodyBytesSent);
        Assert.Equal(0, values.RequestTime);
    }

    [Fact]
    public void Parses_combined_lines()
    {
        var (error, values) = Parse(
            CombinedFormat,
            "203.0.113.9 - - [24/Nov/2026:02:35:09 +0000] \"DELETE /items/7 HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\"");

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.Delete, values.Method);
        Assert.Equal(404, values.Status);
        Assert.Equal(153, values.BodyBytesSent);
        Assert.True(double.IsNaN(values.RequestTime));
    }

    [Fact]
    public void Sums_upstream_times_and_reads_sizes()
    {
        var (error, values) = Parse(UpstreamFormat, UpstreamLine);

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.Post, values.Method);
        Assert.Equal(502, values.Status);
        Assert.Equal(1543, values.BytesSent);
        Assert.Equal(2210, values.RequestLength);
        Assert.Equal(-1, values.BodyBytesSent);
        Assert.Equal(0.215, values.RequestTime);
        Assert.Equal(0.115, values.UpstreamResponseTime, 9);
        Assert.Equal(0.003, values.UpstreamConnectTime, 9);
        Assert.True(double.IsNaN(values.UpstreamHeaderTime));
    }

    [Fact]
    public void Dashes_are_absent_values()
    {
        var (error, values) = Parse(
            UpstreamFormat,
            "10.1.2.3 [24/Nov/2026:02:35:07 +0000] \"GET / HTTP/1.1\" - - - rt=- urt=\"-\" uct=\"-, -\" uht=\"- : -\"");

        Assert.Equal(ParseError.None, error);
        Assert.Equal(0, values.Status);
        Assert.Equal(-1, values.BytesSent);
        Assert.Equal(-1, values.RequestLength);
        Assert.True(double.IsNaN(values.RequestTime));
        Assert.True(double.IsNaN(values.UpstreamResponseTime));
        Assert.True(double.IsNaN(values.UpstreamConnectTime));
        Assert.True(double.IsNaN(values.UpstreamHeaderTime));
    }

    [Theory]
    [InlineData("\\x16\\x03\\x01")]
    [InlineData("\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03")]
    [InlineData("GET /")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("GET / HTTP/1.1 extra")]
    [InlineData("GET  HTTP/1.1")]
    [InlineData("GET / FTP/1.0")]
    [InlineData("get / HTTP/1.1")]
    [InlineData("PROPFIND /dav HTTP/1.1")]
    [InlineData("BREW /pot HTTP/1.1")]
    public void Garbage_and_unknown_request_lines_are_other(string request)
    {
        var (error, values) = Parse(WorkerFormat, WorkerLine.Replace("GET /api/v1/items?id=3 HTTP/1.1", request, StringComparison.Ordinal));

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.Other, values.Method);
    }

    [Theory]
    [InlineData("GET", HttpMethodKind.Get)]
    [InlineData("HEAD", HttpMethodKind.Head)]
    [InlineData("POST", HttpMethodKind.Post)]
    [InlineData("PUT", HttpMethodKind.Put)]
    [InlineData("DELETE", HttpMethodKind.Delete)]
    [InlineData("CONNECT", HttpMethodKind.Connect)]
    [InlineData("OPTIONS", HttpMethodKind.Options)]
    [InlineData("TRACE", HttpMethodKind.Trace)]
    [InlineData("PATCH", HttpMethodKind.Patch)]
    public void Knows_the_nine_methods(string method, object expected)
    {
        var (error, values) = Parse(WorkerFormat, WorkerLine.Replace("GET /api", method + " /api", StringComparison.Ordinal));

        Assert.Equal(ParseError.None, error);
        Assert.Equal((HttpMethodKind)expected, values.Method);
    }

    [Fact]
    public void Request_method_wins_over_request()
    {
        Assert.Equal(HttpMethodKind.Put, Parse("$request_method \"$request\"", "PUT \"GET / HTTP/1.1\"").Values.Method);
        Assert.Equal(HttpMethodKind.Other, Parse("$request_method \"$request\"", "PURGE \"GET / HTTP/1.1\"").Values.Method);
        Assert.Equal(HttpMethodKind.Get, Parse("$request_method \"$request\"", "- \"GET / HTTP/1.1\"").Values.Method);
        Assert.Equal(HttpMethodKind.Options, Parse("$status $request_method", "200 OPTIONS").Values.Method);
    }

    [Fact]
    public void A_format_without_request_leaves_the_method_none()
    {
        var (error, values) = Parse("$status $request_time", "200 0.1");

        Assert.Equal(ParseError.None, error);
        Assert.Equal(HttpMethodKind.None, values.Method);
    }

    [Theory]
    [InlineData("200x", "612", "0.004")]
    [InlineData("2OO", "612", "0.004")]
    [InlineData("-200", "612", "0.004")]
    [InlineData("200", "6.12", "0.004")]
    [InlineData("200", "-612", "0.004")]
    [InlineData("200", "lots", "0.004")]
    [InlineData("200", "612", "0,004")]
    [InlineData("200", "612", "4ms")]
    [InlineData("200", "612", "--")]
    public void Other_values_where_numbers_belong_are_bad_numbers(string status, string size, string time)
    {
        var line = $"192.168.1.10 - - [24/Nov/2026:02:35:06 +0000] \"GET / HTTP/1.1\" {status} {size} \"-\" \"curl\" rt={time}";

        Assert.Equal(ParseError.BadNumber, Parse(WorkerFormat, line).Error);
    }

    [Fact]
    public void A_malformed_upstream_list_is_a_bad_number()
    {
        Assert.Equal(ParseError.BadNumber, Parse(UpstreamFormat, UpstreamLine.Replace("0.012, 0.003", "0.012,0.003", StringComparison.Ordinal)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("192.168.1.10 - - [24/Nov/2026:02:35:06 +0000] \"GET / HTTP/1.1\" 200 612")]
    [InlineData("{\"status\":\"200\"}")]
    public void Lines_that_do_not_match_are_no_match(string line)
    {
        Assert.Equal(ParseError.NoMatch, Parse(WorkerFormat, line).Error);
    }

    [Fact]
    public void Parses_lines_nginx_writes_with_escape_json()
    {
        var variables = LogFormat.Parse(JsonFormat).Variables;
        var parser = new LineParser(new JsonLineMatcher(variables));
        var values = parser.CreateValues();
        var line = Encoding.UTF8.GetBytes(
            "{\"time\":\"2026-11-24T02:35:06+00:00\",\"remote_addr\":\"10.0.0.1\",\"request\":\"POST /login HTTP/2.0\",\"request_method\":\"POST\","
            + "\"status\":\"302\",\"body_bytes_sent\":\"0\",\"request_time\":\"0.120\",\"upstream_response_time\":\"0.118, 0.001\","
            + "\"http_user_agent\":\"curl \\\"x\\\" \\u001b\"}");

        Assert.Equal(ParseError.None, parser.Parse(line, values));

        Assert.Equal(HttpMethodKind.Post, values.Method);
        Assert.Equal(302, values.Status);
        Assert.Equal(0, values.BodyBytesSent);
        Assert.Equal(0.120, values.RequestTime);
        Assert.Equal(0.119, values.UpstreamResponseTime, 9);
        Assert.Equal("curl \\\"x\\\" \\u001b", Text(line, values.Variables[8]));
    }

    [Fact]
    public void Json_values_may_be_numbers_null_or_missing()
    {
        var parser = new LineParser(new JsonLineMatcher(["request", "status", "body_bytes_sent", "request_time", "upstream_response_time"]));
        var values = parser.CreateValues();

        Assert.Equal(ParseError.None, parser.Parse("{\"status\":200,\"body_bytes_sent\":512,\"request_time\":0.25,\"upstream_response_time\":null}"u8, values));

        Assert.Equal(200, values.Status);
        Assert.Equal(512, values.BodyBytesSent);
        Assert.Equal(0.25, values.RequestTime);
        Assert.True(double.IsNaN(values.UpstreamResponseTime));
        Assert.Equal(HttpMethodKind.Other, values.Method);

        Assert.Equal(ParseError.BadNumber, parser.Parse("{\"status\":true}"u8, values));
        Assert.Equal(ParseError.NoMatch, parser.Parse("{\"status\":200"u8, values));
    }

    [Fact]
    public void Values_are_reset_between_lines()
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(UpstreamFormat)));
        var values = parser.CreateValues();
        Assert.Equal(ParseError.None, parser.Parse(Encoding.UTF8.GetBytes(UpstreamLine), values));

        Assert.Equal(ParseError.NoMatch, parser.Parse("nothing"u8, values));

        Assert.Equal(0, values.Status);
        Assert.Equal(HttpMethodKind.None, values.Method);
        Assert.True(double.IsNaN(values.UpstreamResponseTime));
    }

    [Fact]
    public void Values_of_another_size_are_refused()
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(WorkerFormat)));

        Assert.Throws<ArgumentException>(() => parser.Parse("x"u8, new LineValues(2)));
    }

    private static (ParseError Error, LineValues Values) Parse(string format, string line)
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(format)));
        var values = parser.CreateValues();
        var error = parser.Parse(Encoding.UTF8.GetBytes(line), values);
        return (error, values);
    }

    private static string Text(byte[] line, Range range) => Encoding.UTF8.GetString(line.AsSpan()[range]);
}
