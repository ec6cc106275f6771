using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>
/// The real Prometheus server scraping the real merger in front of upstreams that each send one kind of bad
/// (or merely unusual) input: the merger target stays up and the healthy upstream's samples are all there.
/// </summary>
public sealed class PrometheusBadInputTests
{
    private const string Healthy = """
        # HELP healthy_requests_total Requests.
        # TYPE healthy_requests_total counter
        healthy_requests_total{code="200"} 11
        # HELP healthy_latency_seconds Latency.
        # TYPE healthy_latency_seconds histogram
        healthy_latency_seconds_bucket{le="0.5"} 3
        healthy_latency_seconds_bucket{le="+Inf"} 4
        healthy_latency_seconds_sum 1.25
        healthy_latency_seconds_count 4

        """;

    [Fact]
    public async Task The_merger_stays_up_and_healthy_samples_stay_queryable_whatever_the_upstreams_send()
    {
        using var healthy = new FakeUpstream(Healthy);
        using var invalidUtf8 = new FakeUpstream([.. "bad_utf8{v=\""u8, 0xFF, .. "\"} 1\nutf8_neighbour 2\n"u8]);
        using var nameClash = new FakeUpstream("healthy_latency_seconds_count 7\n# TYPE clash_h histogram\nclash_h_bucket{le=\"+Inf\"} 1\nclash_h_sum 1\nclash_h_count 1\n");
        using var goExporter = new FakeUpstream(
            "# TYPE go_memstats_alloc_bytes gauge\ngo_memstats_alloc_bytes 2.1e+06\n# TYPE go_memstats_alloc_bytes_total counter\ngo_memstats_alloc_bytes_total 5.5e+07\n"
            + "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 1.8e+07\n");
        using var valueRules = new FakeUpstream(
            "# TYPE negative_total counter\nnegative_total -3\n# TYPE no_inf histogram\nno_inf_bucket{le=\"1\"} 2\nno_inf_sum 1\nno_inf_count 2\n"
            + "# TYPE fraction histogram\nfraction_bucket{le=\"+Inf\"} 1.5\nfraction_sum 1\nfraction_count 1.5\n");
        using var unusual = new FakeUpstream("  # TYPE escaped gauge\n  escaped{path=\"C:\\temp\"} 3\n\tindented 4\n");
        using var openMetrics = new FakeUpstream(
            "# HELP om_gauge A path C:\\dir.\n# TYPE om_gauge gauge\nom_gauge 5\n# EOF\n",
            contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8");
        FakeUpstream[] all = [healthy, invalidUtf8, nameClash, goExporter, valueRules, unusual, openMetrics];
        using var merger = await MergerProcess.StartAsync([.. all.SelectMany(u => new[] { "--url", u.Url }), "--exporters-timeout", "5"]);
        using var prometheus = await PrometheusServer.StartAsync("merger", $"127.0.0.1:{merger.Port}");

        await PrometheusServer.EventuallyAsync(
            async () =>
            {
                var targets = await prometheus.TargetsAsync();
                return (targets.Count == 1 && targets[0].Health == "up" && targets[0].LastError.Length == 0, string.Join("; ", targets.Select(t => $"{t.Health} {t.LastError}")));
            },
            "the merger target up without error");
        await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, "up{job=\"merger\"}", 1), "up == 1");
        (string Query, double Value)[] expected =
        [
            ("healthy_requests_total{code=\"200\"}", 11),
            ("healthy_latency_seconds_bucket{le=\"0.5\"}", 3),
            ("healthy_latency_seconds_bucket{le=\"+Inf\"}", 4),
            ("healthy_latency_seconds_sum", 1.25),
            ("healthy_latency_seconds_count", 4),
            ("utf8_neighbour", 2),
            ("clash_h_count", 1),
            ($"go_memstats_alloc_bytes{{merger_upstream=\"{goExporter.Url}\"}}", 2.1e6),
            ($"go_memstats_alloc_bytes_total{{merger_upstream=\"{goExporter.Url}\"}}", 5.5e7),
            ($"process_resident_memory_bytes{{merger_upstream=\"{goExporter.Url}\"}}", 1.8e7),
            ("negative_total", -3),
            ("no_inf_bucket{le=\"1\"}", 2),
            ("fraction_count", 1.5),
            ("escaped{path=\"C:\\\\temp\"}", 3),
            ("indented", 4),
            ("om_gauge", 5),
        ];
        foreach (var (query, value) in expected)
        {
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, query, value), query);
        }

        // Counted once a scrape.
        await PrometheusServer.EventuallyAsync(
            async () =>
            {
                var series = await prometheus.QueryAsync($"merger_dropped_samples_total{{upstream=\"{invalidUtf8.Url}\",reason=\"invalid_utf8\"}}");
                return (series.Count == 1 && series[0].Value >= 1, $"{series.Count} series");
            },
            "the invalid UTF-8 line counted");
        foreach (var upstream in all)
        {
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, $"merger_upstream_up{{upstream=\"{upstream.Url}\"}}", 1), upstream.Url + " up");
        }
    }

    private static async Task<(bool Done, string State)> HasValueAsync(PrometheusServer prometheus, string query, double expected)
    {
        var series = await prometheus.QueryAsync(query);
        var state = $"{query} → [{string.Join(", ", series.Select(s => s.Value))}]";
        return (series.Count == 1 && series[0].Value == expected, state);
    }
}
