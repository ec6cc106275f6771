using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Pages Prometheus accepts are kept whole; a bad sample line costs that line only, counted by reason.</summary>
public sealed class PartlyInvalidPageTests
{
    [Fact]
    public void A_label_value_that_is_not_utf8_drops_its_sample_only()
    {
        // a{b="\xff"} 1, then a good line.
        byte[] bytes = [.. "a{b=\""u8, 0xFF, .. "\"} 1\nok 1\n"u8];
        using var page = Merge.Parse(bytes);

        Assert.Equal("ok", Assert.Single(page.Families).Name);
        Assert.Equal(1, page.Dropped[(int)DropReason.InvalidUtf8]);
        Assert.Equal("line 1: a label value is not valid UTF-8", page.FirstDropped[(int)DropReason.InvalidUtf8]);
        Assert.Equal("# TYPE ok untyped\nok 1\n", Write(page, ExpositionFormat.Text004));
    }

    [Fact]
    public void A_bad_line_drops_that_line_and_keeps_the_rest()
    {
        using var page = Merge.Parse("# TYPE a gauge\na 1\nb{ 2\n# TYPE h histogram\nh 3\nc 4\n");

        Assert.Equal(1, page.Dropped[(int)DropReason.InvalidLine]);
        Assert.Equal(1, page.Dropped[(int)DropReason.WrongType]);
        Assert.Equal("line 5: sample h does not fit the type of its family", page.FirstDropped[(int)DropReason.WrongType]);
        Assert.Equal("# TYPE a gauge\na 1\n# TYPE c untyped\nc 4\n", Write(page, ExpositionFormat.Text004));
    }

    [Fact]
    public void A_page_of_nothing_but_bad_lines_is_not_a_metrics_page()
    {
        Assert.Equal("line 1: invalid metric name", Merge.Error("<html>\n<body>\n"));
    }

    [Fact]
    public void Unknown_escapes_in_label_values_keep_their_backslash_and_are_escaped_on_output()
    {
        using var page = Merge.Parse("a{path=\"C:\\temp\",q=\"x\\\\y\\\"\\n\"} 1\nb{path=\"C:\\\\temp\"} 2\n");

        Assert.Equal(
            "# TYPE a untyped\na{path=\"C:\\\\temp\",q=\"x\\\\y\\\"\\n\"} 1\n# TYPE b untyped\nb{path=\"C:\\\\temp\"} 2\n",
            Write(page, ExpositionFormat.Text004));
        Assert.Equal(
            "# TYPE a unknown\na{path=\"C:\\\\temp\",q=\"x\\\\y\\\"\\n\"} 1\n# TYPE b unknown\nb{path=\"C:\\\\temp\"} 2\n# EOF\n",
            Write(page, ExpositionFormat.OpenMetrics100));
    }

    [Fact]
    public void The_same_series_written_with_and_without_an_unknown_escape_is_one_series()
    {
        var conflicts = new List<(string Family, string Upstream, ConflictKind Kind)>();
        var merged = Merge.Run(ExpositionFormat.Text004, conflicts, [("a{p=\"C:\\temp\"} 1\n", UpstreamLabels.Empty), ("a{p=\"C:\\\\temp\"} 2\n", UpstreamLabels.Empty)]);

        Assert.Equal("# TYPE a untyped\na{p=\"C:\\\\temp\"} 1\n", merged);
        Assert.Equal(("a", "u1", ConflictKind.DuplicateSample), Assert.Single(conflicts));
    }

    [Fact]
    public void Lines_starting_with_blanks_are_read()
    {
        using var page = Merge.Parse("  # HELP a The a.\n\t# TYPE a gauge\n   a{x=\"1\"} 1\n \tb 2\n");

        Assert.Equal("# HELP a The a.\n# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b untyped\nb 2\n", Write(page, ExpositionFormat.Text004));
    }

    [Fact]
    public void An_unknown_escape_in_openmetrics_help_keeps_its_backslash()
    {
        using var page = Merge.Parse("# HELP a Path C:\\temp.\n# TYPE a gauge\na 1\n# EOF\n", openMetrics: true);

        Assert.Equal("Path C:\\temp.", page.Families[0].Help);
        Assert.Equal("# HELP a Path C:\\\\temp.\n# TYPE a gauge\na 1\n", Write(page, ExpositionFormat.Text004));
        Assert.Equal("# HELP a Path C:\\\\temp.\n# TYPE a gauge\na 1\n# EOF\n", Write(page, ExpositionFormat.OpenMetrics100));
    }

    private static string Write(ParsedPage page, ExpositionFormat format)
    {
        using var merger = new PageMerger(static _ => false, static (_, _, _) => { });
        merger.Add(new MergeSource("u0", page, UpstreamLabels.Empty));
        merger.Complete();
        using var output = new PooledBufferWriter();
        MergedPageWriter.Write(merger.Families, output, format);
        if (format == ExpositionFormat.OpenMetrics100)
        {
            output.Write("# EOF\n"u8);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
