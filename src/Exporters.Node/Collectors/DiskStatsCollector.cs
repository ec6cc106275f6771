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
    private static readonly LabelCache Devices = new("device");
    private static readonly DeviceFilter DefaultFilter = new(CollectorOptions.DefaultDiskStatsDeviceExclude, "");
    private readonly DeviceFilter _filter;

    /// <param name="options">--collector.diskstats.device-exclude and device-include.</param>
    public DiskStatsCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _filter = options.DiskStatsDevices;
    }

    public string Name => "diskstats";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("diskstats"));
        Write(file.Span, writer, _filter);
    }

    /// <summary>Writes node_disk_info, then one family per column with every device that is not excluded.</summary>
    public static void Write(ReadOnlySpan<byte> diskstats, ExpositionWriter writer, DeviceFilter? filter = null)
    {
        filter ??= DefaultFilter;
        var text = diskstats;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (Bytes.NextField(ref line, out var major) && Bytes.NextField(ref line, out var minor) && Bytes.NextField(ref line, out var device) && !filter.Ignored(device))
            {
                writer.WriteSample(
                    Info,
                    LabelSet.Create(
                    [
                        new("device", Encoding.UTF8.GetString(device)), new("major", Encoding.UTF8.GetString(major)), new("minor", Encoding.UTF8.GetString(minor)),
                        new("model", ""), new("path", ""), new("revision", ""), new("serial", ""), new("wwn", ""),
                    ]),
                    1);
            }
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

    private static MetricFamily Counter(string name, string help) => new(name, help, MetricType.Counter);

}
