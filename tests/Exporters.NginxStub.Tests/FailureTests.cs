using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>Targets that fail in each way users meet, scraped together, each with its own addr.</summary>
public sealed class FailureTests
{
    private const string Locations = """
                location = /404 { return 404; }
                location = /500 { return 500; }
                location = /html { default_type text/html; return 200 "<html><body>Welcome to nginx!</body></html>\n"; }
                location = /tengine { return 200 "Active connections: 3 \nserver accepts handled requests request_time\n 7 7 9 1234 \nReading: 0 Writing: 1 Waiting: 2 \n"; }
        """;

    [Fact]
    public async Task Each_failing_target_has_up_0_and_no_other_family_while_the_good_ones_are_served()
    {
        using var nginx = await NginxServer.StartAsync(Locations);
        using var silent = new SilentServer();
        var refused = $"http://127.0.0.1:{FreePort.Next()}/stub_status";
        var tengine = $"{nginx.BaseUri}tengine";
        var bad = new[] { $"{nginx.BaseUri}404", $"{nginx.BaseUri}500", $"{nginx.BaseUri}html", $"http://127.0.0.1:{silent.Port}/stub_status", refused };
        // The timeout must leave the healthy targets time to answer on a loaded machine; the silent one still runs out of it.
        var args = bad.Append(nginx.StubStatusUri).Append(tengine).Select(u => $"--nginx.scrape-uri={u}")
            .Append("--nginx.timeout=2s").Append("--prometheus.const-label=worker=w1").ToArray();
        using var exporter = await StubExporter.StartAsync(args);

        for (var scrape = 0; scrape < 3; scrape++)
        {
            var page = await exporter.ScrapeAsync();
            foreach (var uri in bad)
            {
                Assert.Equal(0, page.Value("nginx_up", ("addr", uri), ("worker", "w1")));
                Assert.DoesNotContain(page.Samples, s => s.Name != "nginx_up" && s.Labels.TryGetValue("addr", out var a) && a == uri);
            }

            Assert.Equal(1, page.Value("nginx_up", ("addr", nginx.StubStatusUri), ("worker", "w1")));
            Assert.Equal(1, page.Value("nginx_up", ("addr", tengine)));
            Assert.Equal(9, page.Value("nginx_http_requests_total", ("addr", tengine), ("worker", "w1")));
            Assert.Equal(3, page.Value("nginx_connections_active", ("addr", tengine)));
            Assert.Equal(2, page.Value("nginx_connections_waiting", ("addr", tengine)));
        }

        var log = exporter.Process.StandardError;
        foreach (var uri in bad)
        {
            Assert.Equal(1, NginxIntegrationTests.Occurrences(log, $"at {uri} is down"));
        }

        Assert.Contains("unexpected HTTP status 404", log, StringComparison.Ordinal);
        Assert.Contains("unexpected HTTP status 500", log, StringComparison.Ordinal);
        Assert.Contains("not a stub_status page: line 1", log, StringComparison.Ordinal);
        Assert.Contains("no answer within 2s", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_one_target_there_is_no_addr_label_and_a_failure_still_answers_200()
    {
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri=http://127.0.0.1:{FreePort.Next()}/stub_status");

        var page = await exporter.ScrapeAsync();

        var up = Assert.Single(page.Find("nginx_up"));
        Assert.Empty(up.Labels);
        Assert.Equal(0, up.Value);
    }
}
