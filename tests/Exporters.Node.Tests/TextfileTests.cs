using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class TextfileTests
{
    private static string Directory => Path.Combine(Fixtures.Root, "textfile");

    [Fact]
    public void Files_are_merged_and_a_bad_file_is_left_out_with_an_error()
    {
        var text = Fixtures.Render(w => TextfileCollector.Write(Directory, w));
        var app = Path.Combine(Directory, "app.prom");
        var more = Path.Combine(Directory, "more.prom");
        Assert.Equal(
            "# HELP app_jobs_total Jobs done, by kind.\n# TYPE app_jobs_total counter\n"
            + "app_jobs_total{kind=\"report\",queue=\"a\\\"b\"} 3\napp_jobs_total{kind=\"mail\",queue=\"c\\\\d\"} 4\napp_jobs_total{kind=\"batch\",queue=\"z\"} 9\n"
            + $"# HELP app_latency_seconds Metric read from {app}\n# TYPE app_latency_seconds histogram\n"
            + "app_latency_seconds_bucket{le=\"0.5\"} 1\napp_latency_seconds_bucket{le=\"+Inf\"} 2\napp_latency_seconds_sum 1.5\napp_latency_seconds_count 2\n"
            + $"# HELP bare_metric Metric read from {app}\n# TYPE bare_metric untyped\nbare_metric 5\n"
            + "# HELP node_textfile_mtime_seconds Unixtime mtime of textfiles successfully read.\n# TYPE node_textfile_mtime_seconds gauge\n"
            + $"node_textfile_mtime_seconds{{file=\"{app}\"}} {Seconds(app)}\n"
            + $"node_textfile_mtime_seconds{{file=\"{more}\"}} {Seconds(more)}\n"
            + "# HELP node_textfile_scrape_error 1 if there was an error opening or reading a file, 0 otherwise\n# TYPE node_textfile_scrape_error gauge\n"
            + "node_textfile_scrape_error 1\n",
            text);
    }

    [Fact]
    public void A_missing_directory_is_an_error_and_no_directory_is_none()
    {
        Assert.EndsWith("node_textfile_scrape_error 1\n", Fixtures.Render(w => TextfileCollector.Write(Path.Combine(Directory, "nosuch"), w)));
        Assert.EndsWith("node_textfile_scrape_error 0\n", Fixtures.Render(w => TextfileCollector.Write("", w)));
    }

    [Theory]
    [InlineData("a{b=\"c\" 1\n")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\n")]
    [InlineData("a 1\n# TYPE a gauge\n")]
    [InlineData("9a 1\n")]
    [InlineData("a{b=c} 1\n")]
    [InlineData("a one\n")]
    [InlineData("a{__b=\"c\"} 1\n")]
    [InlineData("a{b=\"c\",b=\"d\"} 1\n")]
    public void Malformed_text_is_rejected(string input)
    {
        Assert.Throws<FormatException>(() => TextfileParser.Parse(System.Text.Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Help_escapes_and_special_values_are_read()
    {
        var families = TextfileParser.Parse("# HELP a Line one\\nback\\\\slash\na NaN\nb -Inf\n"u8);
        Assert.Equal("Line one\nback\\slash", families[0].Help);
        Assert.True(double.IsNaN(families[0].Samples[0].Value));
        Assert.Equal(double.NegativeInfinity, families[1].Samples[0].Value);
    }

    private static string Seconds(string path) =>
        Math.Floor((File.GetLastWriteTimeUtc(path) - DateTime.UnixEpoch).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
