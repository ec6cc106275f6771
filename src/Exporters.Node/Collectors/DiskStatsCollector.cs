using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/diskstats: per-device I/O counters of the devices --collector.diskstats.device-exclude/-include let through.</summary>
internal sealed class DiskStatsCollector : INodeCollector
{
    private const double SectorSize = 512;

    // (family, column after the device name, scale), in the order node_exporter lists the families.
    private static readonly (MetricFamily Family, int Column, double Scale)[] Columns =
    [
        (Counter("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards."), 14, 0.001),
        (Counter("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully."), 13, 1),
        (Counter("node_disk_discards_completed_total", "The total number of discards completed successfully."), 11, 1),
        (Counter("node_disk_discards_merged_total", "The total number of discards merged."), 12, 1),
        (Counter("node_disk_flush_requests_time_seconds_total", "This is the total number of seconds spent by all flush requests."), 16, 0.001),
        (Counter("node_disk_flush_requests_total", "The total number of flush requests completed successfully"), 15, 1),
        (new MetricFamily("node_disk_io_now", "The number of I/Os currently in progress.", MetricType.Gauge), 8, 1),
        (Counter("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os."), 9, 0.001),
        (Counter("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os."), 10, 0.001),
        (Counter("node_disk_read_bytes_total", "The total number of bytes read successfully."), 2, SectorSize),
        (Counter("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads."), 3, 0.001),
        (Counter("node_disk_reads_completed_total", "The total number of reads completed successfully."), 0, 1),
        (Counter("node_disk_reads_merged_total", "The total number of reads merged."), 1, 1),
        (Counter("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes."), 7, 0.001),
        (Counter("node_disk_writes_completed_total", "The total number of writes completed successfully."), 4, 1),
        (Counter("node_disk_writes_merged_total", "The number of writes merged."), 5, 1),
        (Counter("node_disk_written_bytes_total", "The total number of bytes written successfully."), 6, SectorSize),
    ];

    private static readonly MetricFamily Info = new("node_disk_info", "Info of /sys/block/<block_device>.", MetricType.Gauge);
    private static readonly MetricFamily DeviceMapper = new("node_disk_device_mapper_info", "Info about disk device mapper.", MetricType.Gauge);

    // The ATA families, in name order, with the udev property each one reads.
    private static readonly (MetricFamily Family, string Property)[] Ata =
    [
        (new MetricFamily("node_disk_ata_rotation_rate_rpm", "ATA disk rotation rate in RPMs (0 for SSDs).", MetricType.Gauge), "ID_ATA_ROTATION_RATE_RPM"),
        (new MetricFamily("node_disk_ata_write_cache", "ATA disk has a write cache.", MetricType.Gauge), "ID_ATA_WRITE_CACHE"),
        (new MetricFamily("node_disk_ata_write_cache_enabled", "ATA disk has its write cache enabled.", MetricType.Gauge), "ID_ATA_WRITE_CACHE_ENABLED"),
    ];

    private static readonly LabelCache Devices = new("device");
    private static readonly DeviceFilter DefaultFilter = new(CollectorOptions.DefaultDiskStatsDeviceExclude, "");
    private readonly DeviceFilter _filter;
    private readonly string _udevData;

    /// <param name="options">--collector.diskstats.device-exclude and device-include, and --path.udev.data.</param>
    public DiskStatsCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _filter = options.DiskStatsDevices;
        _udevData = options.UdevData;
    }

    public string Name => "diskstats";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("diskstats"));
        Write(file.Span, writer, _filter, _udevData);
    }

    /// <summary>
    /// Writes the ATA and device mapper families and node_disk_info from each device's udev properties under
    /// <paramref name="udevData"/> (none when null), then one family per column with every device that is not excluded.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> diskstats, ExpositionWriter writer, DeviceFilter? filter = null, string? udevData = null)
    {
        filter ??= DefaultFilter;
        var devices = new List<(string Device, string Major, string Minor, Dictionary<string, string> Udev)>();
        var text = diskstats;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (Bytes.NextField(ref line, out var major) && Bytes.NextField(ref line, out var minor) && Bytes.NextField(ref line, out var device) && !filter.Ignored(device))
            {
                var majorText = Encoding.UTF8.GetString(major);
                var minorText = Encoding.UTF8.GetString(minor);
                var udev = udevData is null ? [] : UdevProperties.Read(udevData, majorText, minorText);
                devices.Add((Encoding.UTF8.GetString(device), majorText, minorText, udev));
            }
        }

        WriteUdevFamilies(devices, writer);
        foreach (var (device, major, minor, udev) in devices)
        {
            writer.WriteSample(
                Info,
                LabelSet.Create(
                [
                    new("device", device), new("major", major), new("minor", minor),
                    new("model", UdevProperties.Get(udev, "ID_MODEL")), new("path", UdevProperties.Get(udev, "ID_PATH")),
                    new("revision", UdevProperties.Get(udev, "ID_REVISION")), new("serial", UdevProperties.Get(udev, "ID_SERIAL_SHORT")), new("wwn", UdevProperties.Get(udev, "ID_WWN")),
                ]),
                1);
        }

        foreach (var (family, column, scale) in Columns)
        {
            text = diskstats;
            while (Bytes.NextLine(ref text, out var line))
            {
                if (!Bytes.NextField(ref line, out _) || !Bytes.NextField(ref line, out _) || !Bytes.NextField(ref line, out var device) || filter.Ignored(device))
                {
                    continue;
                }

                // Kernels before 4.18 have no discard columns and before 5.5 no flush columns.
                var found = false;
                ulong value = 0;
                for (var i = 0; i <= column; i++)
                {
                    found = Bytes.NextField(ref line, out var field);
                    if (!found)
                    {
                        break;
                    }

                    value = i == column ? Bytes.ParseUInt64(field) : 0;
                }

                if (found)
                {
                    writer.WriteSample(family, Devices.Get(device), value * scale);
                }
            }
        }
    }

    /// <summary>The ATA families of devices udev knows as ATA disks, and node_disk_device_mapper_info of device mapper devices.</summary>
    private static void WriteUdevFamilies(List<(string Device, string Major, string Minor, Dictionary<string, string> Udev)> devices, ExpositionWriter writer)
    {
        foreach (var (family, property) in Ata)
        {
            foreach (var (device, _, _, udev) in devices)
            {
                if (UdevProperties.Get(udev, "ID_ATA").Length > 0 && udev.TryGetValue(property, out var text)
                    && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    writer.WriteSample(family, Devices.Get(device), value);
                }
            }
        }

        foreach (var (device, _, _, udev) in devices)
        {
            var name = UdevProperties.Get(udev, "DM_NAME");
            if (name.Length > 0)
            {
                writer.WriteSample(
                    DeviceMapper,
                    LabelSet.Create(
                    [
                        new("device", device), new("lv_layer", UdevProperties.Get(udev, "DM_LV_LAYER")), new("lv_name", UdevProperties.Get(udev, "DM_LV_NAME")),
                        new("name", name), new("uuid", UdevProperties.Get(udev, "DM_UUID")), new("vg_name", UdevProperties.Get(udev, "DM_VG_NAME")),
                    ]),
                    1);
            }
        }
    }

    private static MetricFamily Counter(string name, string help) => new(name, help, MetricType.Counter);

}
