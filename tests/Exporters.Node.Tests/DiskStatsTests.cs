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

    /// <summary>What node_exporter 1.5 writes for these lines over fixtures/udev/data (an ATA disk, a device mapper device, a virtio disk).</summary>
    [Fact]
    public void Udev_properties_label_disks_as_node_exporter_does()
    {
        var input = "   8       0 sda 10 0 20 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n 253       1 dm-0 1 0 2 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n 254       0 vda 1 0 2 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n"u8;
        var udev = Path.Combine(Fixtures.Root, "udev", "data");
        var text = Fixtures.Render(input, (t, w) => DiskStatsCollector.Write(t, w, null, udev));
        Assert.StartsWith(
            "# HELP node_disk_ata_rotation_rate_rpm ATA disk rotation rate in RPMs (0 for SSDs).\n# TYPE node_disk_ata_rotation_rate_rpm gauge\n"
            + "node_disk_ata_rotation_rate_rpm{device=\"sda\"} 0\n"
            + "# HELP node_disk_ata_write_cache ATA disk has a write cache.\n# TYPE node_disk_ata_write_cache gauge\n"
            + "node_disk_ata_write_cache{device=\"sda\"} 1\n"
            + "# HELP node_disk_ata_write_cache_enabled ATA disk has its write cache enabled.\n# TYPE node_disk_ata_write_cache_enabled gauge\n"
            + "node_disk_ata_write_cache_enabled{device=\"sda\"} 0\n"
            + "# HELP node_disk_device_mapper_info Info about disk device mapper.\n# TYPE node_disk_device_mapper_info gauge\n"
            + "node_disk_device_mapper_info{device=\"dm-0\",lv_layer=\"\",lv_name=\"root\",name=\"vg0-root\",uuid=\"LVM-abc\",vg_name=\"vg0\"} 1\n"
            + "# HELP node_disk_info Info of /sys/block/<block_device>.\n# TYPE node_disk_info gauge\n"
            + "node_disk_info{device=\"sda\",major=\"8\",minor=\"0\",model=\"Samsung_SSD_860\",path=\"pci-0000:00:1f.2-ata-1\",revision=\"RVT04B6Q\",serial=\"S3Z9NB0K\",wwn=\"0x5002538e40a0eb59\"} 1\n"
            + "node_disk_info{device=\"dm-0\",major=\"253\",minor=\"1\",model=\"\",path=\"\",revision=\"\",serial=\"\",wwn=\"\"} 1\n"
            + "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"\",path=\"pci-0000:00:04.0\",revision=\"\",serial=\"vd-serial-1\",wwn=\"\"} 1\n",
            text);
    }

    [Fact]
    public void A_missing_udev_database_leaves_the_labels_empty()
    {
        var text = Fixtures.Render(" 254       0 vda 1 0 2 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n"u8, (t, w) => DiskStatsCollector.Write(t, w, null, Path.Combine(Fixtures.Root, "no-such-udev")));
        Assert.StartsWith("# HELP node_disk_info Info of /sys/block/<block_device>.\n# TYPE node_disk_info gauge\nnode_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"\",path=\"\",revision=\"\",serial=\"\",wwn=\"\"} 1\n", text, StringComparison.Ordinal);
    }
}
