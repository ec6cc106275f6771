using Exporters.Core.Exposition;
using Exporters.Node.Collectors;
using Exporters.Testing;

namespace Exporters.Node.Tests;

public sealed class NodeCollectorTests
{
    [Fact]
    public async Task A_missing_file_fails_only_its_collector()
    {
        using var empty = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(empty.Path, "sys", "fs"));
        File.Copy(Path.Combine(Fixtures.Proc, "sys", "fs", "file-nr"), Path.Combine(empty.Path, "sys", "fs", "file-nr"));
        var paths = new NodePaths(empty.Path, Fixtures.Sys, "/");
        var collector = new NodeCollector([new FileFdCollector(), new LoadAvgCollector()], paths, null, Serilog.Core.Logger.None);
        var text = await RenderAsync(collector);
        Assert.Contains("node_filefd_allocated ", text);
        Assert.DoesNotContain("node_load1", text);
        Assert.Contains("node_scrape_collector_success{collector=\"filefd\"} 1\n", text);
        Assert.Contains("node_scrape_collector_success{collector=\"loadavg\"} 0\n", text);
        Assert.Contains("# TYPE node_scrape_collector_duration_seconds gauge\nnode_scrape_collector_duration_seconds{collector=\"filefd\"} ", text);
    }

    [Fact]
    public async Task A_malformed_file_fails_its_collector()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "loadavg"), "not numbers\n");
        var collector = new NodeCollector([new LoadAvgCollector()], new NodePaths(dir.Path, Fixtures.Sys, "/"), null, Serilog.Core.Logger.None);
        var text = await RenderAsync(collector);
        Assert.DoesNotContain("node_load1", text);
        Assert.Contains("node_scrape_collector_success{collector=\"loadavg\"} 0\n", text);
    }

    private static async Task<string> RenderAsync(NodeCollector collector)
    {
        using var buffer = new PooledBufferWriter();
        await collector.CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
