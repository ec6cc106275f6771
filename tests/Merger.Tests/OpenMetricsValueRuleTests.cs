using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>A family whose values break OpenMetrics' rules for its type is written there as unknown, every sample kept.</summary>
public sealed class OpenMetricsValueRuleTests
{
    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void A_counter_with_a_negative_or_nan_total_is_unknown_in_openmetrics_only(string value)
    {
        var page = $"# HELP c_total Things.\n# TYPE c_total counter\nc_total{{a=\"1\"}} 2\nc_total{{a=\"2\"}} {value}\n";

        Assert.Equal(
            $"# HELP c_total Things.\n# TYPE c_total unknown\nc_total{{a=\"1\"}} 2\nc_total{{a=\"2\"}} {value}\n# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, [], [(page, UpstreamLabels.Empty)]));
        Assert.Equal(
            $"# HELP c_total Things.\n# TYPE c_total counter\nc_total{{a=\"1\"}} 2\nc_total{{a=\"2\"}} {value}\n",
            Merge.Run(ExpositionFormat.Text004, [], [(page, UpstreamLabels.Empty)]));
    }

    [Theory]
    [InlineData("h_bucket{le=\"1\"} 1\nh_sum 2\nh_count 1\n", "h_bucket{le=\"1\"} 1\n", "h_sum 2\n", "h_count 1\n")]
    [InlineData("h_bucket{le=\"1\"} 0.5\nh_bucket{le=\"+Inf\"} 1.5\nh_sum 2\nh_count 1.5\n", "h_bucket{le=\"1\"} 0.5\nh_bucket{le=\"+Inf\"} 1.5\n", "h_sum 2\n", "h_count 1.5\n")]
    [InlineData("h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 2\nh_count 2\n", "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\n", "h_sum 2\n", "h_count 2\n")]
    [InlineData("h_bucket{le=\"+Inf\"} 2\nh_sum -1\nh_count 2\n", "h_bucket{le=\"+Inf\"} 2\n", "h_sum -1\n", "h_count 2\n")]
    [InlineData("h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "h_bucket{le=\"+Inf\"} 2\n", "h_sum 1\n", "h_count 3\n")]
    public void A_histogram_breaking_the_rules_is_one_unknown_family_per_sample_name_in_openmetrics(string samples, string buckets, string sum, string count)
    {
        var page = "# HELP h Latency.\n# TYPE h histogram\n" + samples;

        Assert.Equal(
            $"# HELP h_bucket Latency.\n# TYPE h_bucket unknown\n{buckets}# HELP h_sum Latency.\n# TYPE h_sum unknown\n{sum}# HELP h_count Latency.\n# TYPE h_count unknown\n{count}# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, [], [(page, UpstreamLabels.Empty)]));
        Assert.Equal(page, Merge.Run(ExpositionFormat.Text004, [], [(page, UpstreamLabels.Empty)]));
    }

    [Fact]
    public void A_summary_with_a_negative_quantile_value_is_unknown_families_in_openmetrics()
    {
        var page = "# TYPE s summary\ns{quantile=\"0.5\"} -1\ns_sum 1\ns_count 2\n";

        Assert.Equal(
            "# TYPE s unknown\ns{quantile=\"0.5\"} -1\n# TYPE s_sum unknown\ns_sum 1\n# TYPE s_count unknown\ns_count 2\n# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, [], [(page, UpstreamLabels.Empty)]));
    }

    [Fact]
    public void A_valid_histogram_of_two_upstreams_stays_a_histogram()
    {
        const string Page = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";

        Assert.Equal(
            "# TYPE h histogram\nh_bucket{le=\"1\",job=\"a\"} 1\nh_bucket{le=\"+Inf\",job=\"a\"} 2\nh_sum{job=\"a\"} 3\nh_count{job=\"a\"} 2\n"
            + "h_bucket{le=\"1\",job=\"b\"} 1\nh_bucket{le=\"+Inf\",job=\"b\"} 2\nh_sum{job=\"b\"} 3\nh_count{job=\"b\"} 2\n# EOF\n",
            Merge.Run(ExpositionFormat.OpenMetrics100, [], [(Page, Labels("a")), (Page, Labels("b"))]));
    }

    [Theory]
    [InlineData("# TYPE h histogram\nh_bucket 1\nh_bucket{le=\"x\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", 2, 3)]
    [InlineData("# TYPE s summary\ns 1\ns{quantile=\"a\"} 1\ns_sum 1\ns_count 1\n", 2, 2)]
    public void Buckets_and_quantiles_without_a_numeric_le_or_quantile_are_dropped(string text, int dropped, int kept)
    {
        using var page = Merge.Parse(text);

        Assert.Equal(dropped, page.Dropped[(int)DropReason.WrongType]);
        Assert.Equal(kept, page.SampleCount);
    }

    private static UpstreamLabels Labels(string job) => UpstreamLabels.Create([new("job", job)]);
}
