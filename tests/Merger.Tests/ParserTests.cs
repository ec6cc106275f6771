using System.Globalization;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Comments_blank_lines_help_and_type_are_read()
    {
        using var page = Merge.Parse("# a comment\n\n# HELP up Whether it is up.\n# TYPE up gauge\n\nup 1\n#another\n");

        var family = Assert.Single(page.Families);
        Assert.Equal("up", family.Name);
        Assert.Equal("Whether it is up.", family.Help);
        Assert.Equal(MetricType.Gauge, family.Type);
        Assert.Equal(1, Assert.Single(family.Samples).Value);
    }

    [Fact]
    public void Special_values_and_timestamps_are_read()
    {
        using var page = Merge.Parse("a NaN\nb +Inf\nc -Inf\nd 1.5e3 1700000000123\ne -0.25\n");

        Assert.True(double.IsNaN(page.Families[0].Samples[0].Value));
        Assert.Equal(double.PositiveInfinity, page.Families[1].Samples[0].Value);
        Assert.Equal(double.NegativeInfinity, page.Families[2].Samples[0].Value);
        var d = page.Families[3].Samples[0];
        Assert.Equal(1500, d.Value);
        Assert.True(d.HasTimestamp);
        Assert.Equal(1700000000123, d.TimestampMs);
        Assert.Equal(-0.25, page.Families[4].Samples[0].Value);
    }

    [Fact]
    public void Values_read_exactly_as_a_full_parse_reads_them()
    {
        var random = new Random(20261124);
        var texts = new List<string> { "0", "-0", "+0", "0.0", "5.", ".5", "1e22", "1e23", "1e-22", "1e-23", "123456789012345", "1234567890123456", "9007199254740993", "1.5e+09", "3.2341e-05", "0.1", "-2.5E3", "1e400", "1e-400", "0e400" };
        for (var i = 0; i < 20_000; i++)
        {
            var digits = string.Create(random.Next(1, 18), random, static (chars, r) =>
            {
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = (char)('0' + r.Next(10));
                }
            });
            var point = random.Next(0, digits.Length + 1);
            var text = (random.Next(3) == 0 ? "-" : "") + digits[..point] + (point < digits.Length || random.Next(2) == 0 ? "." : "") + digits[point..];
            if (random.Next(3) == 0)
            {
                text += (random.Next(2) == 0 ? "e" : "E") + (random.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) + random.Next(0, 40).ToString(CultureInfo.InvariantCulture);
            }

            texts.Add(text);
        }

        foreach (var text in texts)
        {
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            using var page = Merge.Parse($"x {text}\n");
            var value = Assert.Single(Assert.Single(page.Families).Samples).Value;
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R}, want {expected:R}");
        }
    }

    [Fact]
    public void Untyped_samples_without_comments_become_untyped_families()
    {
        using var page = Merge.Parse("x 1\ny{a=\"b\"} 2\n");

        Assert.Equal(["x", "y"], page.Families.Select(f => f.Name));
        Assert.All(page.Families, f => Assert.Equal(MetricType.Untyped, f.Type));
    }

    [Fact]
    public void Crlf_line_ends_and_a_missing_final_newline_are_accepted()
    {
        using var page = Merge.Parse("# TYPE a counter\r\na 1\r\nb{x=\"y\"} 2");

        Assert.Equal(2, page.SampleCount);
        Assert.Equal(2, page.Families[1].Samples[0].Value);
    }

    [Fact]
    public void Histogram_and_summary_suffixes_stay_with_their_family()
    {
        const string text = """
            # TYPE h histogram
            h_bucket{le="1"} 1
            h_bucket{le="+Inf"} 2
            h_sum 3
            h_count 2
            # TYPE s summary
            s{quantile="0.5"} 1
            s_sum 2
            s_count 3

            """;
        using var page = Merge.Parse(text);

        Assert.Equal(2, page.Families.Count);
        Assert.Equal(4, page.Families[0].Samples.Count);
        Assert.Equal(3, page.Families[1].Samples.Count);
    }

    [Fact]
    public void OpenMetrics_input_with_eof_unknown_created_and_counters_without_total()
    {
        const string text = """
            # HELP requests Requests \"served\".
            # TYPE requests counter
            # UNIT requests requests
            requests_total{code="200"} 5 1700000000.5 # {trace_id="abc"} 1 1700000000.1
            requests_created{code="200"} 1700000000
            # TYPE thing unknown
            thing 3
            # EOF

            """;
        using var page = Merge.Parse(text, openMetrics: true);

        var counter = page.Families[0];
        Assert.Equal("requests_total", counter.Name);
        Assert.Equal("Requests \"served\".", counter.Help);
        Assert.Equal(2, counter.Samples.Count);
        Assert.Equal(1700000000500, counter.Samples[0].TimestampMs);
        Assert.Equal(SampleSuffix.Created, counter.Samples[1].Suffix);
        Assert.Equal(MetricType.Untyped, page.Families[1].Type);
    }

    [Fact]
    public void Escapes_in_help_and_label_values_are_accepted()
    {
        using var page = Merge.Parse("# HELP a A \\\\ backslash\\nand a newline.\na{p=\"C:\\\\x\",q=\"say \\\"hi\\\"\\n\"} 1\n");

        Assert.Equal("A \\ backslash\nand a newline.", page.Families[0].Help);
        Assert.Equal(2, page.Families[0].Samples[0].LabelCount);
    }

    [Theory]
    [InlineData("a{b=\"c\" 1\n", "expected , or } after a label")]
    [InlineData("a{b=\"c\",\n", "unterminated label set")]
    [InlineData("a{b=c} 1\n", "expected a quoted label value")]
    [InlineData("a{b=\"c\",b=\"d\"} 1\n", "label b given twice")]
    [InlineData("a one\n", "invalid value")]
    [InlineData("a 1 2 3\n", "unexpected text after the sample")]
    [InlineData("a 1 12.5\n", "invalid timestamp")]
    [InlineData("<html>\n", "invalid metric name")]
    [InlineData("# TYPE a gauge\n# TYPE a counter\na 1\n", "second TYPE line for a")]
    [InlineData("# TYPE a fancy\n", "unknown metric type")]
    [InlineData("a 1\n# TYPE a gauge\n", "TYPE line for a after its samples")]
    [InlineData("# TYPE h histogram\nh 1\n", "does not fit the type")]
    [InlineData("a 1\n# EOF\nb 2\n", "text after # EOF")]
    [InlineData("a\n", "expected a space")]
    public void Malformed_pages_are_rejected_with_the_line(string text, string expected)
    {
        var error = Merge.Error(text);

        Assert.StartsWith("line ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a:b_C9 1\n", "a:b_C9")]
    [InlineData("_x{l_1=\"v\"} 1\n", "_x")]
    [InlineData("# TYPE Zz:9 gauge\nZz:9 1\n", "Zz:9")]
    [InlineData("n\t1\n", "n")]
    public void Metric_names_of_letters_digits_underscores_and_colons_are_read_whole(string text, string name)
    {
        using var page = Merge.Parse(text);

        Assert.Equal(name, Assert.Single(page.Families).Name);
    }

    [Theory]
    [InlineData("9a 1\n", "invalid metric name")]
    [InlineData("a{9l=\"v\"} 1\n", "")]
    [InlineData("a{l:x=\"v\"} 1\n", "")]
    [InlineData("a-b 1\n", "")]
    [InlineData("# TYPE 1a gauge\n", "invalid metric name in TYPE line")]
    public void Names_with_bytes_a_name_cannot_hold_are_rejected(string text, string expected)
    {
        var error = Merge.Error(text);

        Assert.StartsWith("line 1: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
