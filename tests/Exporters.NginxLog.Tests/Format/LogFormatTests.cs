using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Tests.Format;

public sealed class LogFormatTests
{
    [Fact]
    public void Reads_the_worker_format_as_nginx_config_writes_it()
    {
        var format = LogFormat.Parse(
            "'$remote_addr - $remote_user [$time_local] \"$request\" ' '$status $body_bytes_sent \"$http_referer\" ' '\"$http_user_agent\" rt=$request_time'");

        Assert.Equal(
            ["remote_addr", "remote_user", "time_local", "request", "status", "body_bytes_sent", "http_referer", "http_user_agent", "request_time"],
            format.Variables);
        Assert.Equal(
            ["$remote_addr", " - ", "$remote_user", " [", "$time_local", "] \"", "$request", "\" ", "$status", " ", "$body_bytes_sent",
                " \"", "$http_referer", "\" \"", "$http_user_agent", "\" rt=", "$request_time"],
            Texts(format));
    }

    [Fact]
    public void Reads_a_bare_format_as_a_yaml_value_holds_it()
    {
        var format = LogFormat.Parse("$remote_addr - $remote_user [$time_local] \"$request\" $status");

        Assert.Equal(["remote_addr", "remote_user", "time_local", "request", "status"], format.Variables);
        Assert.Equal(["$remote_addr", " - ", "$remote_user", " [", "$time_local", "] \"", "$request", "\" ", "$status"], Texts(format));
    }

    [Fact]
    public void Turns_escaped_quotes_into_quotes()
    {
        // What a YAML double-quoted or HCL string leaves after its own unquoting: \" for a quote.
        var format = LogFormat.Parse("$remote_addr \\\"$request\\\" \\'$status\\' a\\\\b");

        Assert.Equal(["$remote_addr", " \"", "$request", "\" '", "$status", "' a\\b"], Texts(format));
    }

    [Fact]
    public void Keeps_other_backslashes()
    {
        var format = LogFormat.Parse("$a \\t\\x $b");

        Assert.Equal(["$a", " \\t\\x ", "$b"], Texts(format));
    }

    [Fact]
    public void Reads_braced_variables()
    {
        var format = LogFormat.Parse("${remote_addr}x${status}_$request_time");

        Assert.Equal(["remote_addr", "status", "request_time"], format.Variables);
        Assert.Equal(["$remote_addr", "x", "$status", "_", "$request_time"], Texts(format));
    }

    [Fact]
    public void Names_are_letters_digits_and_underscores()
    {
        var format = LogFormat.Parse("$http_x_forwarded_for2-$Upper.$a");

        Assert.Equal(["http_x_forwarded_for2", "Upper", "a"], format.Variables);
        Assert.Equal(["$http_x_forwarded_for2", "-", "$Upper", ".", "$a"], Texts(format));
    }

    [Fact]
    public void Keeps_literals_with_brackets_quotes_and_spaces()
    {
        var format = LogFormat.Parse("[$time_local] \"$request\"  {json: '$status'}");

        Assert.Equal(["[", "$time_local", "] \"", "$request", "\"  {json: '", "$status", "'}"], Texts(format));
    }

    [Fact]
    public void Joins_single_quoted_pieces_into_one_format()
    {
        var format = LogFormat.Parse("  '$remote_addr - '\n    '$status'  \t'\\'$request_time\\''\n");

        Assert.Equal(["$remote_addr", " - ", "$status", "'", "$request_time", "'"], Texts(format));
    }

    [Fact]
    public void Joins_literals_that_span_pieces()
    {
        var format = LogFormat.Parse("'$a [' '] ' '\"' '$b'");

        Assert.Equal(["$a", " [] \"", "$b"], Texts(format));
    }

    [Fact]
    public void Keeps_positions()
    {
        var format = LogFormat.Parse("[$time_local] ${status}");

        Assert.Equal([0, 1, 12, 14], Positions(format));
    }

    [Fact]
    public void A_format_may_end_with_a_line_break_from_a_yaml_block()
    {
        var format = LogFormat.Parse("$remote_addr $status\n");

        Assert.Equal(["$remote_addr", " ", "$status"], Texts(format));
    }

    [Fact]
    public void A_format_may_have_no_variables()
    {
        var format = LogFormat.Parse("ping");

        Assert.Empty(format.Variables);
        Assert.Equal(["ping"], Texts(format));
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("''", 0, "empty")]
    [InlineData("'' ''", 0, "empty")]
    [InlineData("$", 0, "'$' is not followed by a variable name")]
    [InlineData("$remote_addr - $ $status", 15, "'$' is not followed by a variable name")]
    [InlineData("a $-b", 2, "'$' is not followed by a variable name")]
    [InlineData("$a ${b", 3, "'${' is not followed by a variable name and '}'")]
    [InlineData("$a ${}", 3, "'${' is not followed by a variable name and '}'")]
    [InlineData("$a ${b c}", 3, "'${' is not followed by a variable name and '}'")]
    [InlineData("$a$b", 2, "$a and $b have no literal between them")]
    [InlineData("x ${a}${b}", 6, "$a and $b have no literal between them")]
    [InlineData("'$a' '$b'", 6, "$a and $b have no literal between them")]
    [InlineData("'$a - ' '$'", 9, "'$' is not followed by a variable name")]
    [InlineData("'$a - ' '$b", 11, "single-quoted pieces")]
    [InlineData("'$a' $b", 5, "single-quoted pieces")]
    public void Rejects_malformed_formats_naming_the_position(string text, int position, string problem)
    {
        var error = Assert.Throws<LogFormatException>(() => LogFormat.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains($"position {position}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static string[] Texts(LogFormat format)
    {
        var texts = new string[format.Tokens.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = format.Tokens[i].ToString()!;
        }

        return texts;
    }

    private static int[] Positions(LogFormat format)
    {
        var positions = new int[format.Tokens.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = format.Tokens[i].Position;
        }

        return positions;
    }
}
