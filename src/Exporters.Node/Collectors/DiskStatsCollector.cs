using System.Buffers;
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
    private static readonly MetricFamily Filesystem = new("node_disk_filesystem_info", "Info about disk filesystem.", MetricType.Gauge);

    // The ATA families, in name order, in the order of DiskDevice.AtaProperties.
    private static readonly MetricFamily[] Ata =
    [
        new("node_disk_ata_rotation_rate_rpm", "ATA disk rotation rate in RPMs (0 for SSDs).", MetricType.Gauge),
        new("node_disk_ata_write_cache", "ATA disk has a write cache.", MetricType.Gauge),
        new("node_disk_ata_write_cache_enabled", "ATA disk has its write cache enabled.", MetricType.Gauge),
    ];

    private const int ColumnCount = 17;
    private static readonly DiskDeviceCache DefaultDevices = new(new DeviceFilter(CollectorOptions.DefaultDiskStatsDeviceExclude, ""), null);
    private readonly DiskDeviceCache _devices;

    /// <param name="options">--collector.diskstats.device-exclude and device-include, and --path.udev.data.</param>
    public DiskStatsCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _devices = new DiskDeviceCache(options.DiskStatsDevices, options.UdevData);
    }

    public string Name => "diskstats";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("diskstats"));
        Write(file.Span, writer, _devices);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="diskstats"/> with <paramref name="filter"/> (node_exporter's default exclusion when null)
    /// and the udev properties under <paramref name="udevData"/> (none when null). Only the default filter without udev
    /// keeps its devices from one call to the next; a collector keeps its own <see cref="DiskDeviceCache"/>.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> diskstats, ExpositionWriter writer, DeviceFilter? filter = null, string? udevData = null) =>
        Write(diskstats, writer, filter is null && udevData is null ? DefaultDevices : new DiskDeviceCache(filter ?? DefaultDevices.Filter, udevData));

    /// <summary>
    /// Writes the ATA, device mapper and filesystem families and node_disk_info from each device's udev properties,
    /// then one family per column with every device that is not excluded.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> diskstats, ExpositionWriter writer, DiskDeviceCache devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var lines = diskstats.Count((byte)'\n') + 1;
        var values = ArrayPool<ulong>.Shared.Rent(lines * ColumnCount);
        var counts = ArrayPool<int>.Shared.Rent(lines);
        var labels = ArrayPool<DiskLabels>.Shared.Rent(lines);
        var order = ArrayPool<int>.Shared.Rent(lines);
        var names = ArrayPool<string>.Shared.Rent(lines);
        try
        {
            var rows = 0;
            var text = diskstats;
            while (Bytes.NextLine(ref text, out var line))
            {
                if (!Bytes.NextField(ref line, out var major) || !Bytes.NextField(ref line, out var minor) || !Bytes.NextField(ref line, out var name)
                    || devices.Get(major, minor, name) is not { } device)
                {
                    continue;
                }

                // Kernels before 4.18 have no discard columns and before 5.5 no flush columns.
                var count = 0;
                while (count < ColumnCount && Bytes.NextField(ref line, out var field))
                {
                    values[rows * ColumnCount + count++] = Bytes.ParseUInt64(field);
                }

                counts[rows] = count;
                labels[rows++] = device.Labels();
            }

            // Samples in the order of their device names, as node_exporter sorts them.
            for (var r = 0; r < rows; r++)
            {
                order[r] = r;
                names[r] = labels[r].Device.Pairs[0].Value;
            }

            Array.Sort(names, order, 0, rows, StringComparer.Ordinal);
            // The ATA families of devices udev knows as ATA disks, and node_disk_device_mapper_info of device mapper devices.
            for (var i = 0; i < Ata.Length; i++)
            {
                for (var r = 0; r < rows; r++)
                {
                    if (labels[order[r]].Ata[i] is { } value)
                    {
                        writer.WriteSample(Ata[i], labels[order[r]].Device, value);
                    }
                }
            }

            for (var r = 0; r < rows; r++)
            {
                if (labels[order[r]].DeviceMapper is { } deviceMapper)
                {
                    writer.WriteSample(DeviceMapper, deviceMapper, 1);
                }
            }

            for (var r = 0; r < rows; r++)
            {
                if (labels[order[r]].Filesystem is { } filesystem)
                {
                    writer.WriteSample(Filesystem, filesystem, 1);
                }
            }

            for (var r = 0; r < rows; r++)
            {
                writer.WriteSample(Info, labels[order[r]].Info, 1);
            }

            foreach (var (family, column, scale) in Columns)
            {
                for (var r = 0; r < rows; r++)
                {
                    if (column < counts[order[r]])
                    {
                        writer.WriteSample(family, labels[order[r]].Device, values[(order[r] * ColumnCount) + column] * scale);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<DiskLabels>.Shared.Return(labels, clearArray: true);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<string>.Shared.Return(names, clearArray: true);
        }
    }

    private static MetricFamily Counter(string name, string help) => new(name, help, MetricType.Counter);
}
