using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class SoftnetTests
{
    [Fact]
    public void Each_cpu_line_gives_processed_dropped_and_squeezed()
    {
        var text = Fixtures.Render(Fixtures.Bytes("proc/net/softnet_stat"), SoftnetCollector.Write);
        Assert.Equal(
            "# HELP node_softnet_dropped_total Number of dropped packets\n# TYPE node_softnet_dropped_total counter\n"
            + "node_softnet_dropped_total{cpu=\"0\"} 1\nnode_softnet_dropped_total{cpu=\"1\"} 0\n"
            + "# HELP node_softnet_processed_total Number of processed packets\n# TYPE node_softnet_processed_total counter\n"
            + "node_softnet_processed_total{cpu=\"0\"} 12703110\nnode_softnet_processed_total{cpu=\"1\"} 65280\n"
            + "# HELP node_softnet_times_squeezed_total Number of times processing packets ran out of quota\n# TYPE node_softnet_times_squeezed_total counter\n"
            + "node_softnet_times_squeezed_total{cpu=\"0\"} 2\nnode_softnet_times_squeezed_total{cpu=\"1\"} 10\n",
            text);
    }

    [Fact]
    public void A_short_line_is_malformed()
    {
        Assert.Throws<FormatException>(() => Fixtures.Render("00000001 00000002\n"u8, SoftnetCollector.Write));
    }
}
