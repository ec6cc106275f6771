using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>The real merger over real local upstreams: whatever an upstream does, the page stays valid.</summary>
public sealed class FailureIsolationTests
{
    private const string Good = "# HELP app_requests_total Requests.\n# TYPE app_requests_total counter\napp_requests_total{code=\"200\"} 7\n";

    [Fact]
    public async Task Down_slow_broken_garbage_and_oversized_upstreams_leave_a_valid_page()
    {
        using var good = new FakeUpstream(Good);
        using var broken = new FakeUpstream("oops", status: 500);
        using var garbage = new FakeUpstream("<html>not metrics</html>\n");
        using var slow = new FakeUpstream("slow_metric 1\n", delay: TimeSpan.FromSeconds(30));
        using var huge = new FakeUpstream(new byte[(16 * 1024 * 1024) + 10]);
        var down = $"http://127.0.0.1:{FreePort.Next()}/metrics";
        using var merger = await MergerProcess.StartAsync(
            "--url", good.Url, "--url", broken.Url, "--url", garbage.Url, "--url", slow.Url, "--url", huge.Url, "--url", down,
            "--exporters-timeout", "2");

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(7, page.Value("app_requests_total", ("code", "200")));
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", good.Url)));
        foreach (var failed in new[] { broken.Url, garbage.Url, slow.Url, huge.Url, down })
        {
            Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", failed)));
        }

        Assert.Empty(page.Find("slow_metric"));
        Assert.Equal(1, page.Samples.Count(s => s.Name == "merger_build_info"));
    }

    [Fact]
    public async Task A_type_clash_and_duplicates_are_dropped_counted_and_the_page_stays_valid()
    {
        using var first = new FakeUpstream("# TYPE shared gauge\nshared{a=\"1\"} 1\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 5\n");
        using var second = new FakeUpstream("# TYPE shared counter\nshared{a=\"2\"} 2\n# TYPE other gauge\nother 3\n");
        using var third = new FakeUpstream("# TYPE other gauge\nother 4\n");
        using var merger = await MergerProcess.StartAsync("--url", first.Url, "--url", second.Url, "--url", third.Url);

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(1, page.Value("shared", ("a", "1")));
        Assert.Empty(page.Find("shared", ("a", "2")));
        Assert.Equal(3, page.Value("other"));
        Assert.Equal("gauge", page.Families["shared"].Type);
        Assert.Equal(1, page.Value("merger_conflicts_total", ("family", "shared")));
        Assert.Equal(1, page.Value("merger_conflicts_total", ("family", "other")));
        Assert.Empty(page.Find("merger_conflicts_total", ("family", "process_cpu_seconds_total")));

        // The upstream's own process_* join the merger's, told apart by merger_upstream.
        Assert.Equal(5, page.Value("process_cpu_seconds_total", ("merger_upstream", first.Url)));
        Assert.Single(page.Find("process_cpu_seconds_total"), s => !s.Labels.ContainsKey("merger_upstream"));
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_asked_for()
    {
        using var good = new FakeUpstream(Good);
        using var merger = await MergerProcess.StartAsync("--url", good.Url);

        using var response = await merger.GetAsync("/metrics", r => r.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text; version=1.0.0"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE app_requests counter\napp_requests_total{code=\"200\"} 7\n", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_config_names_upstreams_and_adds_labels()
    {
        using var good = new FakeUpstream(Good);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "merger.yml");
        await File.WriteAllTextAsync(path, $"exporters:\n  - url: {good.Url}\n    name: app\n    labels:\n      job: app\n    timeout: 5s\n");
        using var merger = await MergerProcess.StartAsync("--config-path", path);

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(7, page.Value("app_requests_total", ("code", "200"), ("job", "app")));
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", "app")));
    }

    [Fact]
    public async Task Prometheus_scrape_timeout_header_shortens_the_upstream_timeout()
    {
        using var slow = new FakeUpstream("slow_metric 1\n", delay: TimeSpan.FromSeconds(8));
        using var merger = await MergerProcess.StartAsync("--url", slow.Url, "--exporters-timeout", "60");

        using var response = await merger.GetAsync("/metrics", r => r.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", "1.5"));
        var page = Testing.MetricsPage.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", slow.Url)));
        Assert.Empty(page.Find("slow_metric"));
    }

    [Fact]
    public async Task A_dns_upstream_gives_one_replica_per_address_of_its_name_and_an_unknown_name_is_down()
    {
        // Whatever localhost resolves to on this machine (127.0.0.1, and ::1 where listed), one server on each address.
        var addresses = System.Net.Dns.GetHostAddresses("localhost").Distinct().ToArray();
        var servers = new List<FakeUpstream>();
        try
        {
            var port = 0;
            foreach (var address in addresses)
            {
                var server = new FakeUpstream(new System.Net.IPEndPoint(address, port), System.Text.Encoding.UTF8.GetBytes(Good));
                port = server.Port;
                servers.Add(server);
            }

            const string unknown = "dns+http://no-such-host.invalid:9100/metrics";
            var local = $"dns+http://localhost:{port}/metrics";
            using var merger = await MergerProcess.StartAsync("--url", local, "--url", unknown);

            var page = await merger.ScrapeAsync();

            await Promtool.CheckMetricsAsync(page.Text);
            Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", unknown)));
            Assert.Equal(0, page.Value("merger_upstream_replicas", ("upstream", unknown)));
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", local)));
            Assert.Equal(addresses.Length, page.Value("merger_upstream_replicas", ("upstream", local)));
            foreach (var address in addresses)
            {
                var instance = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
                Assert.Equal(1, page.Value("merger_replica_up", ("upstream", local), ("replica", instance)));
                Assert.Equal(1, page.Value("merger_replica_merged", ("upstream", local), ("replica", instance)));
                Assert.Equal(7, page.Value("app_requests_total", ("code", "200"), ("instance", instance)));
            }

            Assert.Equal(2, page.Find("merger_upstream_up").Count());

            Assert.Equal(addresses.Length, page.Find("app_requests_total").Count());
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }
}
