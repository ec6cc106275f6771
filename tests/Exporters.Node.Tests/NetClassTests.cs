using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class NetClassTests
{
    [Fact]
    public void Devices_are_written_in_name_order_and_unreadable_properties_left_out()
    {
        var text = Fixtures.Render(w => NetClassCollector.Write(Path.Combine(Fixtures.Sys, "class", "net"), w));
        Assert.Contains(
            "# HELP node_network_iface_link_mode Network device property: iface_link_mode\n# TYPE node_network_iface_link_mode gauge\n"
            + "node_network_iface_link_mode{device=\"eth0\"} 0\nnode_network_iface_link_mode{device=\"lo\"} 0\n"
            + "# HELP node_network_info Non-numeric data from /sys/class/net/<iface>, value is always 1.\n# TYPE node_network_info gauge\n"
            + "node_network_info{address=\"00:00:00:00:00:00\",broadcast=\"00:00:00:00:00:00\",device=\"lo\",duplex=\"\",ifalias=\"\",operstate=\"unknown\"} 1\n"
            + "node_network_info{address=\"02:fc:00:00:00:01\",broadcast=\"ff:ff:ff:ff:ff:ff\",device=\"eth0\",duplex=\"full\",ifalias=\"uplink to rack\",operstate=\"up\"} 1\n"
            + "# HELP node_network_mtu_bytes Network device property: mtu_bytes\n# TYPE node_network_mtu_bytes gauge\n"
            + "node_network_mtu_bytes{device=\"eth0\"} 1400\nnode_network_mtu_bytes{device=\"lo\"} 65536\n",
            text);
        Assert.Contains("# TYPE node_network_speed_bytes gauge\nnode_network_speed_bytes{device=\"eth0\"} 125000000\n# HELP node_network_transmit_queue_length", text);
        Assert.Contains("node_network_flags{device=\"eth0\"} 4099\nnode_network_flags{device=\"lo\"} 9\n", text);
        Assert.Contains("# TYPE node_network_carrier_changes_total counter\nnode_network_carrier_changes_total{device=\"eth0\"} 2\n", text);
        Assert.EndsWith("# TYPE node_network_up gauge\nnode_network_up{device=\"eth0\"} 1\nnode_network_up{device=\"lo\"} 0\n", text);
        Assert.DoesNotContain("bonding_masters", text);
    }

    [Fact]
    public void Host_devices_are_read_through_their_links()
    {
        var text = Fixtures.Render(w => NetClassCollector.Write("/sys/class/net", w));
        Assert.Contains("node_network_up{device=\"lo\"}", text);
    }

    [Theory]
    [InlineData("0x1003\n", 4099)]
    [InlineData("-1\n", -1)]
    [InlineData("1500\n", 1500)]
    public void Sysfs_numbers_parse(string input, double expected)
    {
        Assert.True(NetClassCollector.TryParse(System.Text.Encoding.ASCII.GetBytes(input), out var value));
        Assert.Equal(expected, value);
    }
}
