using System.Text;
using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Tests.Format;

public sealed class CompiledFormatTests
{
    [Fact]
    public void Splits_a_line_at_each_whole_literal()
    {
        var values = Match(
            "$remote_addr - $remote_user [$time_local] \"$request\" $status",
            "10.0.0.1 - - [24/Nov/2026:02:35:06 +0000] \"GET /a b HTTP/1.1\" 200");

        Assert.Equal(["10.0.0.1", "-", "24/Nov/2026:02:35:06 +0000", "GET /a b HTTP/1.1", "200"], values);
    }

    [Fact]
    public void A_value_may_hold_the_first_byte_of_the_next_literal()
    {
        // The literal after $http_user_agent is "\" rt=", not just "\"".
        var values = Match("\"$http_user_agent\" rt=$request_time", "\"Mozilla/5.0 (X11; Linux) \"quoted\" end\" rt=0.001");

        Assert.Equal(["Mozilla/5.0 (X11; Linux) \"quoted\" end", "0.001"], values);
    }

    [Fact]
    public void A_last_variable_runs_to_the_end_of_the_line()
    {
        var values = Match("$status $http_user_agent", "200 curl/8.5.0 extra words");

        Assert.Equal(["200", "curl/8.5.0 extra words"], values);
    }

    [Fact]
    public void A_trailing_literal_must_end_the_line()
    {
        Assert.Equal(["200", "x\" y"], Match("[$status] \"$a\"", "[200] \"x\" y\""));
        Assert.Null(Match("[$status] \"$a\"", "[200] \"x\" y"));
        Assert.Null(Match("[$status]", "[200"));
    }

    [Fact]
    public void A_leading_literal_must_start_the_line()
    {
        Assert.Equal(["1"], Match("ip=$a", "ip=1"));
        Assert.Null(Match("ip=$a", " ip=1"));
        Assert.Null(Match("ip=$a", "ip"));
    }

    [Fact]
    public void Values_may_be_empty()
    {
        Assert.Equal(["", "", ""], Match("$a \"$b\" $c", " \"\" "));
    }

    [Fact]
    public void A_missing_literal_is_no_match()
    {
        Assert.Null(Match("$a [$b] $c", "1 [2 3"));
        Assert.Null(Match("$a - $b", ""));
    }

    [Fact]
    public void A_format_without_variables_matches_only_itself()
    {
        Assert.Equal([], Match("ping", "ping"));
        Assert.Null(Match("ping", "pingx"));
    }

    [Fact]
    public void Literals_are_matched_as_utf8()
    {
        Assert.Equal(["1", "2"], Match("$a → $b", "1 → 2"));
    }

    [Fact]
    public void Exposes_the_variables_and_escaping()
    {
        var format = new CompiledFormat(LogFormat.Parse("$a $b"));

        Assert.Equal(["a", "b"], format.Variables);
        Assert.Equal(ValueEscaping.Nginx, format.Escaping);
    }

    private static IReadOnlyList<string>? Match(string format, string line)
    {
        var matcher = new CompiledFormat(LogFormat.Parse(format));
        var bytes = Encoding.UTF8.GetBytes(line);
        var ranges = new Range[matcher.Variables.Count];
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
