using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ArpTests
{
    [Fact]
    public void Entries_are_counted_per_device_in_name_order()
    {
        var text = Fixtures.Render(Fixtures.Bytes("proc/net/arp"), (t, w) => ArpCollector.Write(t, w));
        Assert.Equal(
            "# HELP node_arp_entries ARP entries by device\n# TYPE node_arp_entries gauge\n"
            + "node_arp_entries{device=\"eth0\"} 2\nnode_arp_entries{device=\"wlan0\"} 1\n",
            text);
    }

    [Fact]
    public void A_table_with_only_its_header_writes_nothing()
    {
        var text = Fixtures.Render("IP address       HW type     Flags       HW address            Mask     Device\n"u8, (t, w) => ArpCollector.Write(t, w));
        Assert.Equal(string.Empty, text);
    }
}
