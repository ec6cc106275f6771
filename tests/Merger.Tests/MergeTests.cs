using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

public sealed class MergeTests
{
    [Fact]
    public void Families_are_sorted_and_shared_families_keep_their_samples_together()
    {
        var page = Merge.Pages(
            "# HELP b B.\n# TYPE b gauge\nb{u=\"1\"} 1\n# TYPE a counter\na_total 1\n",
            "# HELP b Other help.\n# TYPE b gauge\nb{u=\"2\"} 2\n# TYPE c gauge\nc 3\n");

        Assert.Equal(
            "# TYPE a_total counter\na_total 1\n# HELP b B.\n# TYPE b gauge\nb{u=\"1\"} 1\nb{u=\"2\"} 2\n# TYPE c gauge\nc 3\n",
            page);
    }

    [Fact]
    public void A_family_whose_type_differs_is_dropped_and_reported()
    {
        List<(string, string, ConflictKind)> conflicts = [];
        var page = Merge.Run(ExpositionFormat.Text004, conflicts,
        [
            ("# TYPE x gauge\nx{a=\"1\"} 1\n", UpstreamLabels.Empty),
            ("# TYPE x counter\nx{a=\"2\"} 2\n# TYPE y gauge\ny 1\n", UpstreamLabels.Empty),
        ]);

        Assert.Equal("# TYPE x gauge\nx{a=\"1\"} 1\n# TYPE y gauge\ny 1\n", page);
        Assert.Equal([("x", "u1", ConflictKind.TypeClash)], conflicts);
    }

    [Fact]
    public void Duplicate_series_are_dropped_and_reported_whatever_the_label_order()
    {
        List<(string, string, ConflictKind)> conflicts = [];
        var page = Merge.Run(ExpositionFormat.Text004, conflicts,
        [
            ("x{a=\"1\",b=\"2\"} 1\nx{a=\"3\"} 3\n", UpstreamLabels.Empty),
            ("x{b=\"2\",a=\"1\"} 9\nx{a=\"4\"} 4\n", UpstreamLabels.Empty),
        ]);

        Assert.Equal("# TYPE x untyped\nx{a=\"1\",b=\"2\"} 1\nx{a=\"3\"} 3\nx{a=\"4\"} 4\n", page);
        Assert.Equal([("x", "u1", ConflictKind.DuplicateSample)], conflicts);
    }

    [Fact]
    public void A_single_series_family_is_checked_against_the_same_family_of_later_pages()
    {
        List<(string, string, ConflictKind)> conflicts = [];
        var page = Merge.Run(ExpositionFormat.Text004, conflicts,
        [
            ("x 1\ny 1\n", UpstreamLabels.Empty),
            ("y 2\n", UpstreamLabels.Empty),
            ("x 3\nx{a=\"1\"} 4\ny 5\n", UpstreamLabels.Empty),
        ]);

        Assert.Equal("# TYPE x untyped\nx 1\nx{a=\"1\"} 4\n# TYPE y untyped\ny 1\n", page);
        Assert.Equal(
            [("y", "u1", ConflictKind.DuplicateSample), ("x", "u2", ConflictKind.DuplicateSample), ("y", "u2", ConflictKind.DuplicateSample)],
            conflicts);
    }

    [Fact]
    public void Upstream_labels_are_added_unless_the_sample_has_them()
    {
        var labels = UpstreamLabels.Create([new("job", "node"), new("env", "prod")]);
        var page = Merge.Run(ExpositionFormat.Text004, [],
        [
            ("up 1\nup{env=\"test\"} 2\n", labels),
            ("up 1\n", UpstreamLabels.Create([new("job", "nginx")])),
        ]);

        Assert.Equal(
            "# TYPE up untyped\nup{job=\"node\",env=\"prod\"} 1\nup{env=\"test\",job=\"node\"} 2\nup{job=\"nginx\"} 1\n",
            page);
    }

    [Fact]
    public void Reserved_names_are_left_to_the_merger()
    {
        List<(string, string, ConflictKind)> conflicts = [];
        var page = Merge.Run(ExpositionFormat.Text004, conflicts, [("merger_upstream_up 1\nok 1\n", UpstreamLabels.Empty)]);

        Assert.Equal("# TYPE ok untyped\nok 1\n", page);
        Assert.Equal([("merger_upstream_up", "u0", ConflictKind.ReservedName)], conflicts);
    }

    [Fact]
    public void Escapes_round_trip()
    {
        const string text = "# HELP a Back\\\\slash and\\nnewline.\n# TYPE a gauge\na{p=\"C:\\\\x\",q=\"say \\\"hi\\\"\\n\"} 1\n";

        Assert.Equal(text, Merge.Pages(text));
    }

    [Fact]
    public void Values_and_timestamps_are_written_canonically()
    {
        var page = Merge.Pages("a nan\nb Inf\nc -inf\nd 1e+06 1700000000123\ne 0.000001\n");

        Assert.Equal(
            "# TYPE a untyped\na NaN\n# TYPE b untyped\nb +Inf\n# TYPE c untyped\nc -Inf\n# TYPE d untyped\nd 1000000 1700000000123\n# TYPE e untyped\ne 1e-06\n",
            page);
    }

    [Fact]
    public void Histograms_keep_their_suffixes_in_order()
    {
        const string text = "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";

        Assert.Equal(text, Merge.Pages(text));
    }

    [Fact]
    public void OpenMetrics_output_names_counters_per_the_spec_and_keeps_sample_names()
    {
        var page = Merge.Run(ExpositionFormat.OpenMetrics100, [],
        [
            ("# HELP a_total A \"quoted\".\n# TYPE a_total counter\na_total 1\n# TYPE b counter\nb 2\nc 3 1700000000123\n", UpstreamLabels.Empty),
        ]);

        Assert.Equal(
            "# HELP a A \\\"quoted\\\".\n# TYPE a counter\na_total 1\n# TYPE b unknown\nb 2\n# TYPE c unknown\nc 3 1700000000.123\n# EOF\n",
            page);
    }

    [Fact]
    public void OpenMetrics_input_becomes_text_without_created_samples()
    {
        var page = Merge.Run(ExpositionFormat.Text004, [],
        [
            ("# TYPE r counter\nr_total{c=\"1\"} 5 1700000000.5\nr_created{c=\"1\"} 1700000000\n# TYPE i info\ni_info{v=\"1\"} 1\n# EOF\n", UpstreamLabels.Empty),
        ], openMetricsInput: true);

        Assert.Equal("# TYPE i_info gauge\ni_info{v=\"1\"} 1\n# TYPE r_total counter\nr_total{c=\"1\"} 5 1700000000500\n", page);
    }

    [Fact]
    public void OpenMetrics_round_trip_keeps_created_samples()
    {
        const string text = "# TYPE r counter\nr_total{c=\"1\"} 5\nr_created{c=\"1\"} 1700000000\n# EOF\n";

        var page = Merge.Run(ExpositionFormat.OpenMetrics100, [], [(text, UpstreamLabels.Empty)], openMetricsInput: true);

        Assert.Equal(text, page);
    }
}
