using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>node_exporter 1.5's flags about the exporter itself.</summary>
public sealed class ExporterFlagTests
{
    [Fact]
    public async Task Disable_exporter_metrics_leaves_out_process_families_and_keeps_build_info()
    {
        using var plain = await NodeExporter.StartAsync($"--path.procfs={Fixtures.Proc}", "--collector.disable-defaults", "--collector.loadavg");
        Assert.Contains("process_start_time_seconds", (await plain.ScrapeAsync()).Families.Keys);

        using var bare = await NodeExporter.StartAsync($"--path.procfs={Fixtures.Proc}", "--collector.disable-defaults", "--collector.loadavg", "--web.disable-exporter-metrics", "--web.max-requests=0", "--runtime.gomaxprocs=2");
        var page = await bare.ScrapeAsync();
        Assert.DoesNotContain(page.Families.Keys, name => name.StartsWith("process_", StringComparison.Ordinal));
        Assert.Contains("node_exporter_build_info", page.Families.Keys);
        Assert.Contains("node_load1", page.Families.Keys);
    }

    [Theory]
    [InlineData("--web.systemd-socket", "--web.systemd-socket=true is not implemented")]
    [InlineData("--web.max-requests=-1", "must be a whole number")]
    public async Task Refused_with_one_line(string arg, string message)
    {
        var (exitCode, _, stderr) = await ExporterProcess.RunToEndAsync(NodeExporter.Dll, [arg]);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_long_prints_the_help()
    {
        var (exitCode, stdout, stderr) = await ExporterProcess.RunToEndAsync(NodeExporter.Dll, ["--help-long"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("--web.max-requests", stdout + stderr, StringComparison.Ordinal);
    }
}
