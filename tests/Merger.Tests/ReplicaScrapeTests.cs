using System.Net;
using System.Net.Sockets;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Upstreams;
using Exporters.Testing;
using Microsoft.AspNetCore.Http;

namespace Exporters.Merger.Tests;

/// <summary>Replicas of a dns+ upstream, fetched over HTTP from servers on 127.0.0.1 and ::1 of one port.</summary>
public sealed class ReplicaScrapeTests
{
    [Fact]
    public async Task Each_address_is_scraped_as_its_own_upstream_with_an_instance_label()
    {
        var (v4, v6) = OnBothLoopbacks(
            "# TYPE app_requests_total counter\napp_requests_total{code=\"200\"} 1\n",
            "# TYPE app_requests_total counter\napp_requests_total{code=\"200\",instance=\"own\"} 2\n");
        using (v4)
        using (v6)
        {
            var port = v4.Port;
            var resolver = new FakeResolver().Add("service-a", "127.0.0.1", "::1");
            var page = await ScrapeAsync(resolver, $"dns+http://service-a:{port}/metrics", "dns+http://gone:1/metrics");

            await Promtool.CheckMetricsAsync(page.Text);
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", $"http://127.0.0.1:{port}/metrics")));
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", $"http://[::1]:{port}/metrics")));
            Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", "dns+http://gone:1/metrics")));
            Assert.Empty(page.Find("merger_upstream_up", ("upstream", $"dns+http://service-a:{port}/metrics")));
            Assert.Equal(1, page.Value("app_requests_total", ("code", "200"), ("instance", $"127.0.0.1:{port}")));
            Assert.Equal(2, page.Value("app_requests_total", ("code", "200"), ("instance", "own")));
            Assert.Equal(2, page.Find("app_requests_total").Count());
        }
    }

    [Fact]
    public async Task A_replica_also_given_by_url_is_taken_once()
    {
        using var upstream = new FakeUpstream("one 1\n");
        var resolver = new FakeResolver().Add("service-a", "127.0.0.1");

        var page = await ScrapeAsync(resolver, upstream.Url, $"dns+http://service-a:{upstream.Port}/metrics");

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", upstream.Url)));
        Assert.Equal(1, page.Value("one"));
    }

    private static async Task<Testing.MetricsPage> ScrapeAsync(IHostResolver resolver, params string[] urls)
    {
        var upstreams = UpstreamConfig.Load(urls, "", TimeSpan.FromSeconds(10));
        using var fetcher = new UpstreamFetcher(TimeProvider.System);
        var collector = new MergeCollector(
            upstreams, fetcher, new ReplicaResolver(resolver, TimeProvider.System), new HttpContextAccessor(), [], Serilog.Core.Logger.None);
        using var buffer = new PooledBufferWriter();
        await collector.CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), CancellationToken.None);
        return Testing.MetricsPage.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Two servers of one port, on 127.0.0.1 and on ::1; retries while the port is taken on ::1.</summary>
    private static (FakeUpstream V4, FakeUpstream V6) OnBothLoopbacks(string v4Body, string v6Body)
    {
        for (var attempt = 0; ; attempt++)
        {
            var v4 = new FakeUpstream(Encoding.UTF8.GetBytes(v4Body));
            try
            {
                return (v4, new FakeUpstream(new IPEndPoint(IPAddress.IPv6Loopback, v4.Port), Encoding.UTF8.GetBytes(v6Body)));
            }
            catch (SocketException) when (attempt < 20)
            {
                v4.Dispose();
            }
        }
    }
}
