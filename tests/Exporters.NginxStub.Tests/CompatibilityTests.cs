using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>Debian's prometheus-nginx-exporter and this exporter against the same nginx.</summary>
public sealed class CompatibilityTests
{
    private const string GoExporter = "/usr/bin/prometheus-nginx-exporter";
    private const string NodeExporter = "/usr/bin/prometheus-node-exporter";

    [Fact]
    public async Task Same_families_types_and_help_as_the_go_exporter()
    {
        Assert.True(File.Exists(GoExporter), "prometheus-nginx-exporter is not installed; the test command installs it");
        using var nginx = await NginxServer.StartAsync();
        using var ours = await StubExporter.StartAsync($"--nginx.scrape-uri={nginx.StubStatusUri}");
        var goPort = FreePort.Next();
        using var go = ChildProcess.Start(GoExporter, [$"-nginx.scrape-uri={nginx.StubStatusUri}", $"-web.listen-address=127.0.0.1:{goPort}"]);
        var goPage = await ScrapeGoAsync(goPort, go);
        var ourPage = await ours.ScrapeAsync();

        var goFamilies = Comparable(goPage);
        var ourFamilies = Comparable(ourPage);

        Assert.Equal(goFamilies, ourFamilies);
        Assert.Equal(8, ourFamilies.Count);

        // Both read the same nginx: counters agree up to the scrapes in between.
        Assert.InRange(ourPage.Value("nginx_http_requests_total") - goPage.Value("nginx_http_requests_total"), 0, 3);
    }

    /// <summary>The Go client's process families, as Debian's node_exporter serves them.</summary>
    [Fact]
    public async Task Process_families_are_the_go_clients()
    {
        Assert.True(File.Exists(NodeExporter), "prometheus-node-exporter is not installed; the test command installs it");
        using var ours = await StubExporter.StartAsync();
        var goPort = FreePort.Next();
        using var go = ChildProcess.Start(NodeExporter, ["--collector.disable-defaults", $"--web.listen-address=127.0.0.1:{goPort}"]);
        var goPage = await ScrapeGoAsync(goPort, go);
        var ourPage = await ours.ScrapeAsync();

        var goProcess = goPage.Families.Values.Where(f => f.Name.StartsWith("process_", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal);
        var ourProcess = ourPage.Families.Values.Where(f => f.Name.StartsWith("process_", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal);

        Assert.Equal(goProcess, ourProcess);
    }

    private static List<MetricsPage.Family> Comparable(MetricsPage page) =>
        [.. page.Families.Values
            .Where(f => !f.Name.StartsWith("go_", StringComparison.Ordinal)
                && !f.Name.StartsWith("process_", StringComparison.Ordinal)
                && !f.Name.StartsWith("promhttp_", StringComparison.Ordinal)
                && !f.Name.EndsWith("_build_info", StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    private static async Task<MetricsPage> ScrapeGoAsync(int port, ChildProcess go)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        for (var i = 0; ; i++)
        {
            try
            {
                return MetricsPage.Parse(await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
            }
            catch (HttpRequestException) when (i < 200 && !go.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }
}
