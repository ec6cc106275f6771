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
            + "node_disk_info{device=\"dm-0\",major=\"253\",minor=\"1\",model=\"\",path=\"\",revision=\"\",serial=\"\",wwn=\"\"} 1\n"
            + "node_disk_info{device=\"sda\",major=\"8\",minor=\"0\",model=\"Samsung_SSD_860\",path=\"pci-0000:00:1f.2-ata-1\",revision=\"RVT04B6Q\",serial=\"S3Z9NB0K\",wwn=\"0x5002538e40a0eb59\"} 1\n"
            + "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"\",path=\"pci-0000:00:04.0\",revision=\"\",serial=\"vd-serial-1\",wwn=\"\"} 1\n",
            text);
    }

    [Fact]
    public void A_missing_udev_database_leaves_the_labels_empty()
    {
        var text = Fixtures.Render(" 254       0 vda 1 0 2 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n"u8, (t, w) => DiskStatsCollector.Write(t, w, null, Path.Combine(Fixtures.Root, "no-such-udev")));
        Assert.StartsWith("# HELP node_disk_info Info of /sys/block/<block_device>.\n# TYPE node_disk_info gauge\nnode_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"\",path=\"\",revision=\"\",serial=\"\",wwn=\"\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_collector_keeps_its_own_filter_and_udev_database()
    {
        var root = Directory.CreateTempSubdirectory("diskstats-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "proc"));
            File.WriteAllText(Path.Combine(root.FullName, "proc", "diskstats"), "   8       0 sda 10 0 20 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n 254       0 vda 1 0 2 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n");
            var paths = new NodePaths(Path.Combine(root.FullName, "proc"), Fixtures.Sys, "/");
            var onlySd = new DiskStatsCollector(new CollectorOptions { DiskStatsDevices = new DeviceFilter("", "^sd"), UdevData = Path.Combine(Fixtures.Root, "udev", "data") });
            var standard = new DiskStatsCollector(new CollectorOptions { UdevData = Path.Combine(Fixtures.Root, "no-such-udev") });
            for (var scrape = 0; scrape < 2; scrape++)
            {
                var sd = Fixtures.Render(w => onlySd.Update(paths, w));
                Assert.Contains("node_disk_info{device=\"sda\",major=\"8\",minor=\"0\",model=\"Samsung_SSD_860\",", sd, StringComparison.Ordinal);
                Assert.Contains("node_disk_ata_write_cache{device=\"sda\"} 1\n", sd, StringComparison.Ordinal);
                Assert.DoesNotContain("vda", sd, StringComparison.Ordinal);

                var both = Fixtures.Render(w => standard.Update(paths, w));
                Assert.Contains("node_disk_info{device=\"sda\",major=\"8\",minor=\"0\",model=\"\",path=\"\",", both, StringComparison.Ordinal);
                Assert.Contains("node_disk_reads_completed_total{device=\"vda\"} 1\n", both, StringComparison.Ordinal);
                Assert.DoesNotContain("node_disk_ata", both, StringComparison.Ordinal);
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>A device's udev file is read again when its stamp (inode, size, modification time) changes, and only then.</summary>
    [Fact]
    public void A_changed_udev_file_is_read_again()
    {
        var udev = Directory.CreateTempSubdirectory("udev-");
        try
        {
            var file = Path.Combine(udev.FullName, "b8:0");
            var devices = new DiskDeviceCache(CollectorOptions.Default.DiskStatsDevices, udev.FullName);
            var input = "   8       0 sda 10 0 20 3 4 0 8 1 0 5 6 0 0 0 0 0 0\n"u8.ToArray();
            string Scrape() => Fixtures.Render(input, (t, w) => DiskStatsCollector.Write(t, w, devices));

            // No file yet: empty labels, no ATA families.
            Assert.StartsWith("# HELP node_disk_info Info of /sys/block/<block_device>.\n# TYPE node_disk_info gauge\nnode_disk_info{device=\"sda\",major=\"8\",minor=\"0\",model=\"\",", Scrape(), StringComparison.Ordinal);

            File.WriteAllText(file, "E:ID_ATA=1\nE:ID_MODEL=Disk_A\nE:ID_ATA_WRITE_CACHE=1\n");
            var written = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(file, written);
            var first = Scrape();
            Assert.Contains("model=\"Disk_A\"", first, StringComparison.Ordinal);
            Assert.Contains("node_disk_ata_write_cache{device=\"sda\"} 1\n", first, StringComparison.Ordinal);

            // Rewritten in place with the same size and modification time: the labels read before stay.
            File.WriteAllText(file, "E:ID_ATA=1\nE:ID_MODEL=Disk_B\nE:ID_ATA_WRITE_CACHE=0\n");
            File.SetLastWriteTimeUtc(file, written);
            Assert.Equal(first, Scrape());

            // A new modification time: read again.
            File.SetLastWriteTimeUtc(file, written.AddSeconds(1));
            var second = Scrape();
            Assert.Contains("model=\"Disk_B\"", second, StringComparison.Ordinal);
            Assert.Contains("node_disk_ata_write_cache{device=\"sda\"} 0\n", second, StringComparison.Ordinal);

            // udev's way: a new file renamed over the old one (a new inode), here with the same modification time.
            var temporary = Path.Combine(udev.FullName, ".b8:0.tmp");
            File.WriteAllText(temporary, "E:DM_NAME=vg0-data\nE:ID_MODEL=Disk_C\n");
            File.SetLastWriteTimeUtc(temporary, written.AddSeconds(1));
            File.Move(temporary, file, overwrite: true);
            var third = Scrape();
            Assert.Contains("model=\"Disk_C\"", third, StringComparison.Ordinal);
            Assert.Contains("node_disk_device_mapper_info{device=\"sda\",lv_layer=\"\",lv_name=\"\",name=\"vg0-data\",uuid=\"\",vg_name=\"\"} 1\n", third, StringComparison.Ordinal);
            Assert.DoesNotContain("node_disk_ata", third, StringComparison.Ordinal);

            // Removed: empty labels again.
            File.Delete(file);
            var fourth = Scrape();
            Assert.Contains("model=\"\"", fourth, StringComparison.Ordinal);
            Assert.DoesNotContain("node_disk_device_mapper_info", fourth, StringComparison.Ordinal);
        }
        finally
        {
            udev.Delete(recursive: true);
        }
    }
}
