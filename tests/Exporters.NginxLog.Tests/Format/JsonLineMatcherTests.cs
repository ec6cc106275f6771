using System.Text;
using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Tests.Format;

public sealed class JsonLineMatcherTests
{
    private static readonly string[] Wanted = ["request", "status", "request_time", "http_user_agent"];

    [Fact]
    public void Finds_string_values_inside_their_quotes_still_escaped()
    {
        var values = Match(
            """{"request":"GET /a HTTP/1.1","status":"200","request_time":"0.004","http_user_agent":"say \"hi\" \u00e9"}""");

        Assert.Equal(["GET /a HTTP/1.1", "200", "0.004", "say \\\"hi\\\" \\u00e9"], values);
    }

    [Fact]
    public void Finds_numbers_and_literals_as_their_tokens()
    {
        var values = Match("""{ "status" : 404, "request_time": 1.5e-3, "request": null, "http_user_agent": true }""");

        Assert.Equal(["null", "404", "1.5e-3", "true"], values);
    }

    [Fact]
    public void Missing_keys_get_empty_ranges_and_others_are_ignored()
    {
        var values = Match("""{"status":"200","remote_addr":"10.0.0.1"}""");

        Assert.Equal(["", "200", "", ""], values);
    }

    [Fact]
    public void Skips_nested_objects_and_arrays()
    {
        var values = Match("""{"geo":{"status":"999","a":[1,{"request":"x"}]},"list":[],"status":"201"}""");

        Assert.Equal(["", "201", "", ""], values);
    }

    [Fact]
    public void Reads_escaped_keys()
    {
        Assert.Equal(["", "202", "", ""], Match("""{"st\u0061tus":"202"}"""));
    }

    [Fact]
    public void Keeps_trailing_whitespace()
    {
        Assert.Equal(["", "200", "", ""], Match("{\"status\":\"200\"}  \r"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("\"status\"")]
    [InlineData("200")]
    [InlineData("{\"status\":\"200\"")]
    [InlineData("{\"status\":\"200\"} x")]
    [InlineData("{\"status\":\"200\"}{}")]
    [InlineData("{\"status\":200,}")]
    [InlineData("{status:200}")]
    [InlineData("{\"status\":\"20")]
    [InlineData("10.0.0.1 - - [24/Nov/2026:02:35:06 +0000] \"GET / HTTP/1.1\" 200 612")]
    public void Rejects_what_is_not_one_json_object(string line)
    {
        Assert.Null(Match(line));
    }

    [Fact]
    public void Exposes_the_variables_and_escaping()
    {
        var matcher = new JsonLineMatcher(Wanted);

        Assert.Equal(Wanted, matcher.Variables);
        Assert.Equal(ValueEscaping.Json, matcher.Escaping);
    }

    private static IReadOnlyList<string>? Match(string line)
    {
        var matcher = new JsonLineMatcher(Wanted);
        var bytes = Encoding.UTF8.GetBytes(line);
        var ranges = new Range[Wanted.Length];
        Array.Fill(ranges, new Range(1, 1));
        if (!matcher.TryMatch(bytes, ranges))
        {
            return null;
        }

        var values = new string[ranges.Length];
        for (var i = 0; i < ranges.Length; i++)
        {
            values[i] = Encoding.UTF8.GetString(bytes.AsSpan()[ranges[i]]);
        }

        return values;
    }
}
