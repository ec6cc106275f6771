using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Every sample name is on the merged page once, in both formats, whichever families bring it.</summary>
public sealed class NameClashTests
{
    private const string Histogram = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";

    [Fact]
    public void A_family_named_as_a_histograms_samples_from_another_upstream_is_left_out_and_counted()
    {
        var conflicts = new List<(string Family, string Upstream, ConflictKind Kind)>();

        var merged = Merge.Run(ExpositionFormat.Text004, conflicts, [(Histogram, UpstreamLabels.Empty), ("h_count 7\nh_sum{a=\"b\"} 1\n", UpstreamLabels.Empty)]);

        Assert.Equal("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n", merged);
        Assert.Equal([("h_sum", "u1", ConflictKind.NameClash), ("h_count", "u1", ConflictKind.NameClash)], conflicts);
    }

    [Fact]
    public void An_untyped_family_before_a_histogram_of_its_base_name_on_one_page_is_left_out()
    {
        var conflicts = new List<(string Family, string Upstream, ConflictKind Kind)>();

        var merged = Merge.Run(ExpositionFormat.Text004, conflicts, [("h_count 7\n" + Histogram, UpstreamLabels.Empty)]);

        Assert.Equal("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n", merged);
        Assert.Equal(("h_count", "u0", ConflictKind.NameClash), Assert.Single(conflicts));
    }

    [Fact]
    public void A_go_exporters_gauge_and_counter_of_one_base_name_keep_their_names_in_openmetrics()
    {
        const string Page = """
            # HELP go_memstats_alloc_bytes Number of bytes allocated and still in use.
            # TYPE go_memstats_alloc_bytes gauge
            go_memstats_alloc_bytes 2.1e+06
            # HELP go_memstats_alloc_bytes_total Total number of bytes allocated, even if freed.
            # TYPE go_memstats_alloc_bytes_total counter
            go_memstats_alloc_bytes_total 5.5e+07
            # TYPE requests_total counter
            requests_total 4

            """;
        var conflicts = new List<(string Family, string Upstream, ConflictKind Kind)>();

        var merged = Merge.Run(ExpositionFormat.OpenMetrics100, conflicts, [(Page, UpstreamLabels.Empty)]);

        Assert.Equal(
            """
            # HELP go_memstats_alloc_bytes Number of bytes allocated and still in use.
            # TYPE go_memstats_alloc_bytes gauge
            go_memstats_alloc_bytes 2100000
            # HELP go_memstats_alloc_bytes_total Total number of bytes allocated, even if freed.
            # TYPE go_memstats_alloc_bytes_total unknown
            go_memstats_alloc_bytes_total 55000000
            # TYPE requests counter
            requests_total 4
            # EOF

            """,
            merged);
        Assert.Empty(conflicts);
    }

    [Fact]
    public void A_counter_without_total_keeps_its_name_in_openmetrics()
    {
        var merged = Merge.Run(ExpositionFormat.OpenMetrics100, [], [("# TYPE hits counter\nhits 3\n", UpstreamLabels.Empty)]);

        Assert.Equal("# TYPE hits unknown\nhits 3\n# EOF\n", merged);
    }

    [Fact]
    public void A_counter_beside_a_created_gauge_is_unknown_in_openmetrics_and_both_are_kept()
    {
        const string Page = "# TYPE r_total counter\nr_total 3\n# TYPE r_created gauge\nr_created 1.7e+09\n";

        Assert.Equal(
            "# TYPE r_created gauge\nr_created 1700000000\n# TYPE r_total unknown\nr_total 3\n# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, [], [(Page, UpstreamLabels.Empty)]));
        Assert.Equal(
            "# TYPE r_created gauge\nr_created 1700000000\n# TYPE r_total counter\nr_total 3\n",
            Merge.Run(ExpositionFormat.Text004, [], [(Page, UpstreamLabels.Empty)]));
    }

    [Fact]
    public void A_created_gauge_beside_a_histogram_is_left_out_of_openmetrics_only()
    {
        var page = Histogram + "# TYPE h_created gauge\nh_created 1.7e+09\n";
        var conflicts = new List<(string Family, string Upstream, ConflictKind Kind)>();

        Assert.Equal(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, conflicts, [(page, UpstreamLabels.Empty)]));
        Assert.Equal(("h_created", "u0", ConflictKind.NameClash), Assert.Single(conflicts));
        Assert.Equal(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n# TYPE h_created gauge\nh_created 1700000000\n",
            Merge.Run(ExpositionFormat.Text004, [], [(page, UpstreamLabels.Empty)]));
    }
}
