using System.Net;
using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>The exporter against a real nginx on 127.0.0.1, over TCP and over a unix socket.</summary>
public sealed class NginxIntegrationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exported_counters_match_what_nginx_reports(bool unixSocket)
    {
        using var nginx = await NginxServer.StartAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={(unixSocket ? nginx.StubStatusSocketUri : nginx.StubStatusUri)}");
        var before = await exporter.ScrapeAsync();
        const int Requests = 40;

        for (var i = 0; i < Requests; i++)
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            Assert.Equal("ok\n", await client.GetStringAsync(new Uri(nginx.BaseUri, $"/page/{i}")));
        }

        var after = await exporter.ScrapeAsync();
        var direct = await nginx.ReadStubStatusAsync();

        Assert.Equal(1, after.Value("nginx_up"));
        // Each request above came on its own connection; the exporter's scrape reuses its kept-alive one.
        Assert.Equal(Requests, after.Value("nginx_connections_accepted") - before.Value("nginx_connections_accepted"));
        Assert.Equal(Requests + 1, after.Value("nginx_http_requests_total") - before.Value("nginx_http_requests_total"));
        // Read straight from nginx on a new connection, one request later.
        Assert.Equal(direct.Accepted - 1, after.Value("nginx_connections_accepted"));
        Assert.Equal(direct.Handled - 1, after.Value("nginx_connections_handled"));
        Assert.Equal(direct.Requests - 1, after.Value("nginx_http_requests_total"));
        Assert.InRange(after.Value("nginx_connections_active"), 1, 10);
        Assert.InRange(after.Value("nginx_connections_writing"), 1, 10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stopped_nginx_gives_up_0_and_no_other_family_then_recovers(bool unixSocket)
    {
        using var nginx = await NginxServer.StartAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={(unixSocket ? nginx.StubStatusSocketUri : nginx.StubStatusUri)}");
        Assert.Equal(1, (await exporter.ScrapeAsync()).Value("nginx_up"));

        await nginx.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            using var response = await exporter.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var down = MetricsPage.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(0, down.Value("nginx_up"));
            Assert.DoesNotContain(down.Families.Keys, StubExporter.NginxFamilies.Contains);
            Assert.Contains("nginx_exporter_build_info", down.Families.Keys);
        }

        await nginx.StartAgainAsync();
        var recovered = await ScrapeUntilUpAsync(exporter);
        Assert.All(StubExporter.NginxFamilies, name => Assert.Contains(name, recovered.Families.Keys));

        var log = exporter.Process.StandardError;
        Assert.Equal(1, Occurrences(log, "is down"));
        Assert.Equal(2, Occurrences(log, "is up"));
    }

    [Fact]
    public async Task Starts_and_serves_while_nginx_is_down_then_picks_it_up()
    {
        using var nginx = await NginxServer.StartAsync();
        await nginx.StopAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={nginx.StubStatusUri}", "--nginx.retries=1", "--nginx.retry-interval=10ms");

        Assert.Equal(0, (await exporter.ScrapeAsync()).Value("nginx_up"));
        await nginx.StartAgainAsync();
        await ScrapeUntilUpAsync(exporter);
    }

    internal static int Occurrences(string text, string part) =>
        text.Split('\n').Count(line => line.Contains(part, StringComparison.Ordinal));

    /// <summary>A pooled connection to the old nginx may fail the first scrape after a restart; the next succeeds.</summary>
    private static async Task<MetricsPage> ScrapeUntilUpAsync(ExporterProcess exporter)
    {
        MetricsPage page = await exporter.ScrapeAsync();
        for (var i = 0; i < 50 && page.Value("nginx_up") == 0; i++)
        {
            await Task.Delay(100);
            page = await exporter.ScrapeAsync();
        }

        Assert.Equal(1, page.Value("nginx_up"));
        return page;
    }
}
