using Exporters.Node.Collectors;
using Exporters.Testing;

namespace Exporters.Node.Tests;

public sealed class UdpQueuesTests
{
    /// <summary>The same text node_exporter 1.5 writes for fixtures/proc/net/udp and udp6.</summary>
    [Fact]
    public void Fixture_queues_match_node_exporter()
    {
        var text = Fixtures.Render(w => new UdpQueuesCollector().Update(new NodePaths(Fixtures.Proc, Fixtures.Sys, "/"), w));
        Assert.Equal(
            "# HELP node_udp_queues Number of allocated memory in the kernel for UDP datagrams in bytes.\n# TYPE node_udp_queues gauge\n"
            + "node_udp_queues{ip=\"v4\",queue=\"rx\"} 2560\nnode_udp_queues{ip=\"v4\",queue=\"tx\"} 512\n"
            + "node_udp_queues{ip=\"v6\",queue=\"rx\"} 256\nnode_udp_queues{ip=\"v6\",queue=\"tx\"} 0\n",
            text);
    }

    [Fact]
    public void Without_ipv6_only_ipv4_is_written_and_without_both_the_collector_fails()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "net"));
        var paths = new NodePaths(dir.Path, Fixtures.Sys, "/");
        Assert.Throws<FileNotFoundException>(() => Fixtures.Render(w => new UdpQueuesCollector().Update(paths, w)));
        File.Copy(Path.Combine(Fixtures.Proc, "net", "udp"), Path.Combine(dir.Path, "net", "udp"));
        var text = Fixtures.Render(w => new UdpQueuesCollector().Update(paths, w));
        Assert.Contains("node_udp_queues{ip=\"v4\",queue=\"tx\"} 512\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("v6", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  100: 00000000:0044 00000000:0000 07\n")]
    [InlineData("  100: 00000000:0044 00000000:0000 07 0000zz00:00000000 00:00000000\n")]
    [InlineData("  100: 00000000:0044 00000000:0000 07 00000000-00000000 00:00000000\n")]
    public void A_malformed_socket_line_is_an_error(string line) =>
        Assert.Throws<FormatException>(() => UdpQueuesCollector.Sum(System.Text.Encoding.UTF8.GetBytes("header\n" + line)));
}
