using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>The real Prometheus server scraping the real merger over real upstreams, all on 127.0.0.1.</summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_merged_page_and_sees_an_upstream_go_down()
    {
        using var alpha = new FakeUpstream("# HELP alpha_requests_total Requests of alpha.\n# TYPE alpha_requests_total counter\nalpha_requests_total{code=\"200\"} 11\n");
        var beta = new FakeUpstream("# HELP beta_temperature Temperature of beta.\n# TYPE beta_temperature gauge\nbeta_temperature{room=\"a\"} 21.5\n");
        try
        {
            using var merger = await MergerProcess.StartAsync("--url", alpha.Url, "--url", beta.Url, "--exporters-timeout", "5");
            using var prometheus = await PrometheusServer.StartAsync("merger", $"127.0.0.1:{merger.Port}");

            await PrometheusServer.EventuallyAsync(
                async () =>
                {
                    var targets = await prometheus.TargetsAsync();
                    var state = string.Join("; ", targets.Select(t => $"{t.ScrapeUrl} {t.Health} {t.LastError}"));
                    return (targets.Count == 1 && targets[0].Health == "up" && targets[0].LastError.Length == 0, state);
                },
                "the merger target up without error");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, "up{job=\"merger\"}", 1), "up == 1");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, "alpha_requests_total{code=\"200\"}", 11), "alpha's sample");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, "beta_temperature{room=\"a\"}", 21.5), "beta's sample");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, $"merger_upstream_up{{upstream=\"{beta.Url}\"}}", 1), "beta up");

            var betaUrl = beta.Url;
            beta.Dispose();

            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, $"merger_upstream_up{{upstream=\"{betaUrl}\"}}", 0), "beta down");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, $"merger_upstream_up{{upstream=\"{alpha.Url}\"}}", 1), "alpha still up");
            await PrometheusServer.EventuallyAsync(() => HasValueAsync(prometheus, "up{job=\"merger\"}", 1), "the merger still up");
            var targets = await prometheus.TargetsAsync();
            Assert.Equal("up", targets.Single().Health);
            Assert.Equal("", targets.Single().LastError);
        }
        finally
        {
            beta.Dispose();
        }
    }

    private static async Task<(bool Done, string State)> HasValueAsync(PrometheusServer prometheus, string query, double expected)
    {
        var series = await prometheus.QueryAsync(query);
        var state = $"{query} → [{string.Join(", ", series.Select(s => s.Value))}]";
        return (series.Count == 1 && series[0].Value == expected, state);
    }
}
