using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>Replicas of a dns+ upstream, fetched over HTTP from real servers on 127.0.0.1 and ::1.</summary>
public sealed class ReplicaScrapeTests
{
    private const string Exporter = "# HELP app_requests_total Requests.\n# TYPE app_requests_total counter\napp_requests_total{code=\"200\"} 7\n";

    /// <summary>What the stack's app answers on every path, /metrics included.</summary>
    private const string App = "hello from service-a\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Each_address_is_scraped_as_a_replica_and_merged_with_an_instance_label()
    {
        const string v4Body = "# TYPE app_requests_total counter\napp_requests_total{code=\"200\"} 1\n";
        const string v6Body = "# TYPE app_requests_total counter\napp_requests_total{code=\"200\",instance=\"own\"} 2\n";
        var (v4, v6) = OnBothLoopbacks(v4Body, v6Body);
        using (v4)
        using (v6)
        {
            var port = v4.Port;
            var serviceA = $"dns+http://service-a:{port}/metrics";
            var resolver = new FakeResolver().Add("service-a", "127.0.0.1", "::1");
            using var merger = new InProcessMerger(resolver, Timeout, null, serviceA, "dns+http://gone:1/metrics");

            var page = await merger.ScrapeAsync();

            await Promtool.CheckMetricsAsync(page.Text);
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", serviceA)));
            Assert.Equal(2, page.Value("merger_upstream_replicas", ("upstream", serviceA)));
            Assert.Equal(Encoding.UTF8.GetByteCount(v4Body + v6Body), page.Value("merger_upstream_response_bytes", ("upstream", serviceA)));
            Assert.InRange(page.Value("merger_upstream_duration_seconds", ("upstream", serviceA)), 0, Timeout.TotalSeconds);
            foreach (var replica in new[] { $"127.0.0.1:{port}", $"[::1]:{port}" })
            {
                Assert.Equal(1, page.Value("merger_replica_up", ("upstream", serviceA), ("replica", replica)));
                Assert.Equal(1, page.Value("merger_replica_merged", ("upstream", serviceA), ("replica", replica)));
            }

            Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", "dns+http://gone:1/metrics")));
            Assert.Equal(2, page.Find("merger_upstream_up").Count());
            Assert.Equal(1, page.Value("app_requests_total", ("code", "200"), ("instance", $"127.0.0.1:{port}")));
            Assert.Equal(2, page.Value("app_requests_total", ("code", "200"), ("instance", "own")));
            Assert.Equal(2, page.Find("app_requests_total").Count());
        }
    }

    [Fact]
    public async Task A_replica_also_given_by_url_is_merged_once()
    {
        using var upstream = new FakeUpstream("one 1\n");
        var resolver = new FakeResolver().Add("service-a", "127.0.0.1");
        var serviceA = $"dns+http://service-a:{upstream.Port}/metrics";
        using var merger = new InProcessMerger(resolver, Timeout, null, upstream.Url, serviceA);

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", upstream.Url)));
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", serviceA)));
        Assert.Equal(1, page.Value("merger_replica_up", ("upstream", serviceA), ("replica", $"127.0.0.1:{upstream.Port}")));
        Assert.Equal(1, page.Value("one"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_app_without_a_metrics_page_is_counted_up_beside_an_exporter_and_only_the_exporter_is_merged(bool openMetrics)
    {
        var (app, exporter) = OnBothLoopbacks(App, Exporter, firstContentType: "text/plain; charset=utf-8");
        using (app)
        using (exporter)
        {
            var port = app.Port;
            var serviceA = $"dns+http://service-a:{port}/metrics";
            using var merger = new InProcessMerger(new FakeResolver().Add("service-a", "127.0.0.1", "::1"), Timeout, null, serviceA);

            var text = await merger.ScrapeTextAsync(openMetrics ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004);
            var page = Testing.MetricsPage.Parse(text);

            await CheckAsync(text, openMetrics);
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", serviceA)));
            Assert.Equal(2, page.Value("merger_upstream_replicas", ("upstream", serviceA)));
            Assert.Equal(1, page.Value("merger_replica_up", ("upstream", serviceA), ("replica", $"127.0.0.1:{port}")));
            Assert.Equal(1, page.Value("merger_replica_up", ("upstream", serviceA), ("replica", $"[::1]:{port}")));
            Assert.Equal(0, page.Value("merger_replica_merged", ("upstream", serviceA), ("replica", $"127.0.0.1:{port}")));
            Assert.Equal(1, page.Value("merger_replica_merged", ("upstream", serviceA), ("replica", $"[::1]:{port}")));
            Assert.Equal(7, page.Value("app_requests_total", ("code", "200"), ("instance", $"[::1]:{port}")));
            Assert.Single(page.Find("app_requests_total"));
            Assert.Single(page.Find("merger_upstream_up"));
            Assert.DoesNotContain(page.Samples, s => s.Labels.TryGetValue("upstream", out var u) && u.StartsWith("http://", StringComparison.Ordinal));
            Assert.Equal("gauge", page.Families["merger_replica_up"].Type);
            Assert.Equal(
                "Whether the replica answered HTTP within the timeout with a status below 500 (1) or not (0), whether or not it serves a metrics page.",
                page.Families["merger_replica_up"].Help);
            Assert.Equal("Whether the replica's answer was a metrics page that was merged (1) or not (0).", page.Families["merger_replica_merged"].Help);
            Assert.Equal("Addresses the upstream's host name resolved to at the last scrape, each scraped as a replica.", page.Families["merger_upstream_replicas"].Help);
        }
    }

    [Fact]
    public async Task A_replica_is_up_when_it_answers_below_500_and_down_when_it_fails_refuses_or_hangs()
    {
        using var notFound = new FakeUpstream("404 page not found\n", status: 404, contentType: "text/plain");
        using var unavailable = new FakeUpstream("busy\n", status: 503, contentType: "text/plain");
        using var silent = new SilentServer();
        var closed = FreePort.Next();
        var resolver = new FakeResolver()
            .Add("not-found", "127.0.0.1").Add("unavailable", "127.0.0.1").Add("closed", "127.0.0.1").Add("silent", "127.0.0.1");
        string[] urls =
        [
            $"dns+http://not-found:{notFound.Port}/metrics", $"dns+http://unavailable:{unavailable.Port}/metrics",
            $"dns+http://closed:{closed}/metrics", $"dns+http://silent:{silent.Port}/metrics",
        ];
        var timeout = TimeSpan.FromSeconds(1);
        using var merger = new InProcessMerger(resolver, timeout, null, urls);

        var clock = Stopwatch.StartNew();
        var page = await merger.ScrapeAsync();
        clock.Stop();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.InRange(clock.Elapsed, timeout * 0.9, timeout + TimeSpan.FromSeconds(2));
        Assert.Equal(1, page.Value("merger_replica_up", ("upstream", urls[0]), ("replica", $"127.0.0.1:{notFound.Port}")));
        Assert.Equal(0, page.Value("merger_replica_merged", ("upstream", urls[0])));
        Assert.Equal(0, page.Value("merger_replica_up", ("upstream", urls[1]), ("replica", $"127.0.0.1:{unavailable.Port}")));
        Assert.Equal(0, page.Value("merger_replica_up", ("upstream", urls[2]), ("replica", $"127.0.0.1:{closed}")));
        Assert.Equal(0, page.Value("merger_replica_up", ("upstream", urls[3]), ("replica", $"127.0.0.1:{silent.Port}")));
        foreach (var url in urls)
        {
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", url)));
            Assert.Equal(1, page.Value("merger_upstream_replicas", ("upstream", url)));
        }

        Assert.Equal(0, page.Find("merger_replica_merged").Sum(s => s.Value));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_down_with_no_replicas()
    {
        const string gone = "dns+http://gone:8080/metrics";
        using var merger = new InProcessMerger(new FakeResolver(), Timeout, null, gone);

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", gone)));
        Assert.Equal(0, page.Value("merger_upstream_replicas", ("upstream", gone)));
        Assert.Empty(page.Find("merger_replica_up"));
        Assert.Empty(page.Find("merger_replica_merged"));
        Assert.DoesNotContain("merger_replica_", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_replicas_follow_the_addresses_of_the_name_from_one_scrape_to_the_next()
    {
        using var app = new FakeUpstream(App, contentType: "text/plain");
        var serviceA = $"dns+http://service-a:{app.Port}/metrics";
        var resolver = new FakeResolver().Add("service-a", "127.0.0.1");
        using var merger = new InProcessMerger(resolver, Timeout, null, serviceA);

        var one = await merger.ScrapeAsync();
        resolver.Add("service-a", "127.0.0.1", "127.0.0.2", "127.0.0.3");
        var three = await merger.ScrapeAsync();
        resolver.Add("service-a", "127.0.0.1");
        var oneAgain = await merger.ScrapeAsync();

        Assert.Equal(1, one.Value("merger_upstream_replicas", ("upstream", serviceA)));
        Assert.Equal(3, three.Value("merger_upstream_replicas", ("upstream", serviceA)));
        Assert.Equal(1, oneAgain.Value("merger_upstream_replicas", ("upstream", serviceA)));
        Assert.Equal([$"127.0.0.1:{app.Port}"], one.Find("merger_replica_up").Select(s => s.Labels["replica"]));
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], three.Find("merger_replica_up").Select(s => s.Labels["replica"].Split(':')[0]).Order());

        // Only 127.0.0.1 has a server on the port: the others are counted as replicas that do not answer.
        Assert.Equal(1, three.Find("merger_replica_up").Sum(s => s.Value));
        Assert.Equal(1, three.Value("merger_replica_up", ("replica", $"127.0.0.1:{app.Port}")));
        Assert.Equal([$"127.0.0.1:{app.Port}"], oneAgain.Find("merger_replica_up").Select(s => s.Labels["replica"]));
        Assert.Equal(1, oneAgain.Value("merger_replica_up", ("replica", $"127.0.0.1:{app.Port}")));
    }

    [Fact]
    public async Task An_app_without_a_metrics_page_is_logged_once_and_never_warned_about()
    {
        var (v4, v6) = OnBothLoopbacks(App, App, firstContentType: "text/plain", secondContentType: "text/plain");
        using (v4)
        using (v6)
        {
            var sink = new ListSink();
            using var logger = new Serilog.LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
            var serviceA = $"dns+http://service-a:{v4.Port}/metrics";
            using var merger = new InProcessMerger(new FakeResolver().Add("service-a", "127.0.0.1", "::1"), Timeout, logger, serviceA);

            for (var i = 0; i < 3; i++)
            {
                var page = await merger.ScrapeAsync();
                Assert.Equal(2, page.Find("merger_replica_up").Sum(s => s.Value));
            }

            Assert.Empty(sink.Find(Serilog.Events.LogEventLevel.Warning));
            var noPage = Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Information, "without a metrics page"));
            Assert.Contains("merger_replica_up", noPage.RenderMessage(), StringComparison.Ordinal);
            var count = Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Information, "replicas (was"));
            Assert.Equal($"Upstream \"{serviceA}\": 2 replicas (was 0)", count.RenderMessage());
        }
    }

    [Fact]
    public async Task A_replica_that_stops_answering_is_warned_about_once_and_its_return_logged_once()
    {
        var sink = new ListSink();
        using var logger = new Serilog.LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        var app = new FakeUpstream(App, contentType: "text/plain");
        var port = app.Port;
        var serviceA = $"dns+http://service-a:{port}/metrics";
        var replica = $"127.0.0.1:{port}";
        using var merger = new InProcessMerger(new FakeResolver().Add("service-a", "127.0.0.1"), Timeout, logger, serviceA);
        try
        {
            Assert.Equal(1, (await merger.ScrapeAsync()).Value("merger_replica_up", ("replica", replica)));

            app.Dispose();
            Assert.Equal(0, (await merger.ScrapeAsync()).Value("merger_replica_up", ("replica", replica)));
            Assert.Equal(0, (await merger.ScrapeAsync()).Value("merger_replica_up", ("replica", replica)));

            var warning = Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Warning));
            Assert.Contains(replica, warning.RenderMessage(), StringComparison.Ordinal);
            Assert.Empty(sink.Find(Serilog.Events.LogEventLevel.Information, "answers again"));

            app = await RestartAsync(port);
            Assert.Equal(1, (await merger.ScrapeAsync()).Value("merger_replica_up", ("replica", replica)));
            Assert.Equal(1, (await merger.ScrapeAsync()).Value("merger_replica_up", ("replica", replica)));

            Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Warning));
            var back = Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Information, "answers again"));
            Assert.Contains(replica, back.RenderMessage(), StringComparison.Ordinal);
            Assert.Single(sink.Find(Serilog.Events.LogEventLevel.Information, "without a metrics page"));
        }
        finally
        {
            app.Dispose();
        }
    }

    /// <summary>The app again on the port it had; retries while the port is still held.</summary>
    private static async Task<FakeUpstream> RestartAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FakeUpstream(new IPEndPoint(IPAddress.Loopback, port), Encoding.UTF8.GetBytes(App), contentType: "text/plain");
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Promtool (it reads the text format: an OpenMetrics counter's _total samples look like a family without
    /// HELP to it) with no problem in the merger's families; an OpenMetrics page is also read back strictly.
    /// </summary>
    private static async Task CheckAsync(string text, bool openMetrics)
    {
        var problems = await Promtool.CheckMetricsAsync(text);
        Assert.DoesNotContain(problems, p => p.StartsWith("merger_", StringComparison.Ordinal));
        if (openMetrics)
        {
            Merge.Parse(text, openMetrics: true).Dispose();
        }
    }

    /// <summary>Two servers of one port, on 127.0.0.1 and on ::1; retries while the port is taken on ::1.</summary>
    private static (FakeUpstream V4, FakeUpstream V6) OnBothLoopbacks(
        string v4Body, string v6Body, string firstContentType = "text/plain; version=0.0.4", string secondContentType = "text/plain; version=0.0.4")
    {
        for (var attempt = 0; ; attempt++)
        {
            var v4 = new FakeUpstream(new IPEndPoint(IPAddress.Loopback, 0), Encoding.UTF8.GetBytes(v4Body), contentType: firstContentType);
            try
            {
                return (v4, new FakeUpstream(new IPEndPoint(IPAddress.IPv6Loopback, v4.Port), Encoding.UTF8.GetBytes(v6Body), contentType: secondContentType));
            }
            catch (SocketException) when (attempt < 20)
            {
                v4.Dispose();
            }
        }
    }
}
