using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Pages, families and merges are reused between scrapes: nothing of one scrape shows in the next.</summary>
public sealed class ReuseTests
{
    [Fact]
    public void A_page_parsed_after_another_has_only_its_own_families()
    {
        for (var round = 0; round < 20; round++)
        {
            using (var first = Merge.Parse("# HELP a_total First.\n# TYPE a_total counter\na_total{x=\"1\"} 1\na_total{x=\"2\"} 2\n# TYPE empty gauge\n"))
            {
                Assert.Equal(2, first.SampleCount);
            }

            using var second = Merge.Parse("b 3\n# TYPE c histogram\nc_bucket{le=\"+Inf\"} 1\nc_sum 2\nc_count 1\n");
            Assert.Equal(["b", "c"], second.Families.Select(f => f.Name));
            Assert.All(second.Families, f => Assert.Null(f.Help));
            Assert.Equal(MetricType.Untyped, second.Families[0].Type);
            Assert.False(second.Families[0].TypeSeen);
            Assert.Equal(MetricType.Histogram, second.Families[1].Type);
            Assert.Single(second.Families[0].Samples);
            Assert.Equal(3, second.Families[1].Samples.Count);
            Assert.Equal(0, second.Families[0].Samples[0].LabelCount);
            Assert.Equal(0, second.Families[0].Samples[0].LabelStart);
        }
    }

    [Fact]
    public void Merging_again_and_again_gives_the_same_page()
    {
        string[] pages = ["# HELP up Up.\n# TYPE up gauge\nup{a=\"1\"} 1\n", "# TYPE up gauge\nup{a=\"1\"} 2\nup{a=\"2\"} 3\nother 4\n"];
        const string expected = "# TYPE other untyped\nother 4\n# HELP up Up.\n# TYPE up gauge\nup{a=\"1\"} 1\nup{a=\"2\"} 3\n";
        for (var round = 0; round < 20; round++)
        {
            Assert.Equal("# TYPE x untyped\nx 1\n", Merge.Pages("x 1\n"));
            Assert.Equal(expected, Merge.Pages(pages));
        }
    }

    [Fact]
    public void Names_and_help_texts_are_made_once()
    {
        var first = TextInterner.Name("node_cpu_seconds_total"u8);
        var second = TextInterner.Name("node_cpu_seconds_total");
        Assert.Same(first, second);
        Assert.Equal("node_cpu_seconds_total"u8.ToArray(), first.Utf8);

        var help = TextInterner.Help("A \\\\ and a \\n."u8, openMetrics: false, static (_, _) => "A \\ and a \n.");
        Assert.NotNull(help);
        Assert.Same(help, TextInterner.Help("A \\\\ and a \\n."u8, openMetrics: false, static (_, _) => "other"));
        Assert.Equal("A \\\\ and a \\n."u8.ToArray(), help.EscapedHelp(openMetrics: false));
    }
}
