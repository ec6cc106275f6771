using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>node_exporter 1.5's collectors this exporter lacks: turned off, accepted; asked for or configured, refused with one line.</summary>
public sealed class MissingCollectorTests
{
    [Theory]
    [InlineData("--collector.systemd", "--collector.systemd is not supported by this exporter (it needs D-Bus)")]
    [InlineData("--collector.wifi", "--collector.wifi is not supported")]
    [InlineData("--collector.systemd.unit-include=.+\\.service", "--collector.systemd.unit-include is not supported: this exporter has no systemd collector")]
    [InlineData("--collector.ntp.server-is-local", "--collector.ntp.server-is-local is not supported")]
    public async Task Asking_for_a_missing_collector_exits_2_with_one_line(string arg, string message)
    {
        var (exitCode, _, stderr) = await ExporterProcess.RunToEndAsync(NodeExporter.Dll, [arg]);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_missing_collectors_off_is_accepted()
    {
        using var exporter = await NodeExporter.StartAsync($"--path.procfs={Fixtures.Proc}", "--collector.disable-defaults", "--collector.loadavg", "--no-collector.systemd", "--no-collector.ethtool", "--no-collector.qdisc");
        var page = await exporter.ScrapeAsync();
        Assert.Equal(["loadavg"], page.Find("node_scrape_collector_success").Select(s => s.Labels["collector"]));
    }
}
