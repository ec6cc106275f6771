using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class DiskStatsTests
{
    [Fact]
    public void Default_excluded_devices_are_left_out_and_units_converted()
    {
        var input = "   7       0 loop0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n"
            + " 254       0 vda 178410 100 2000 3500 40 5 600 7000 2 9000 12000 11 12 13 14 15 16\n"
            + " 254       1 vda1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n";
        var text = Fixtures.Render(System.Text.Encoding.UTF8.GetBytes(input), (t, w) => DiskStatsCollector.Write(t, w));
        Assert.StartsWith(
            "# HELP node_disk_info Info of /sys/block/<block_device>.\n# TYPE node_disk_info gauge\n"
            + "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"\",path=\"\",revision=\"\",serial=\"\",wwn=\"\"} 1\n"
            + "# HELP node_disk_discard_time_seconds_total This is the total number of seconds spent by all discards.\n"
            + "# TYPE node_disk_discard_time_seconds_total counter\nnode_disk_discard_time_seconds_total{device=\"vda\"} 0.014\n",
            text);
        Assert.Contains("node_disk_read_bytes_total{device=\"vda\"} 1024000\n", text);
        Assert.Contains("node_disk_reads_completed_total{device=\"vda\"} 178410\n", text);
        Assert.Contains("node_disk_io_time_weighted_seconds_total{device=\"vda\"} 12\n", text);
        Assert.Contains("node_disk_flush_requests_total{device=\"vda\"} 15\n", text);
        Assert.DoesNotContain("loop0", text);
        Assert.DoesNotContain("vda1", text);
        Assert.True(CollectorOptions.Default.DiskStatsDevices.Ignored("nvme0n1p2"u8));
        Assert.False(CollectorOptions.Default.DiskStatsDevices.Ignored("nvme0n1"u8));
    }
}
