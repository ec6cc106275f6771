using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/diskstats: per-device I/O counters, without node_exporter's default excluded devices.</summary>
internal sealed partial class DiskStatsCollector : INodeCollector
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
    private const int ColumnCount = 17;
    private static readonly NameCache<Tuple<LabelSet, LabelSet>?> Devices = new(MakeLabels);

    public string Name => "diskstats";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("diskstats"));
        Write(file.Span, writer);
    }

    /// <summary>Writes node_disk_info, then one family per column with every device that is not excluded.</summary>
    public static void Write(ReadOnlySpan<byte> diskstats, ExpositionWriter writer)
    {
        var lines = diskstats.Count((byte)'\n') + 1;
        var values = ArrayPool<ulong>.Shared.Rent(lines * ColumnCount);
        var counts = ArrayPool<int>.Shared.Rent(lines);
        var devices = ArrayPool<Tuple<LabelSet, LabelSet>>.Shared.Rent(lines);
        try
        {
            var rows = 0;
            Span<byte> key = stackalloc byte[256];
            var text = diskstats;
            while (Bytes.NextLine(ref text, out var line))
            {
                if (!Bytes.NextField(ref line, out var major) || !Bytes.NextField(ref line, out var minor) || !Bytes.NextField(ref line, out var device)
                    || major.Length + minor.Length + device.Length + 2 > key.Length)
                {
                    continue;
                }

                // "major minor device": null when the device is excluded.
                major.CopyTo(key);
                key[major.Length] = (byte)' ';
                minor.CopyTo(key[(major.Length + 1)..]);
                key[major.Length + minor.Length + 1] = (byte)' ';
                device.CopyTo(key[(major.Length + minor.Length + 2)..]);
                var labels = Devices.Get(key[..(major.Length + minor.Length + 2 + device.Length)]);
                if (labels is null)
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
                devices[rows++] = labels;
            }

            for (var r = 0; r < rows; r++)
            {
                writer.WriteSample(Info, devices[r].Item1, 1);
            }

            foreach (var (family, column, scale) in Columns)
            {
                for (var r = 0; r < rows; r++)
                {
                    if (column < counts[r])
                    {
                        writer.WriteSample(family, devices[r].Item2, values[r * ColumnCount + column] * scale);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<Tuple<LabelSet, LabelSet>>.Shared.Return(devices, clearArray: true);
        }
    }

    /// <summary>node_disk_info's labels and the device label of a "major minor device" key; null for an excluded device.</summary>
    private static Tuple<LabelSet, LabelSet>? MakeLabels(string key)
    {
        var parts = key.Split(' ');
        var (major, minor, device) = (parts[0], parts[1], parts[2]);
        if (DefaultExclude().IsMatch(device))
        {
            return null;
        }

        var info = LabelSet.Create(
        [
            new("device", device), new("major", major), new("minor", minor),
            new("model", ""), new("path", ""), new("revision", ""), new("serial", ""), new("wwn", ""),
        ]);
        return Tuple.Create(info, LabelSet.Create([new("device", device)]));
    }

    /// <summary>node_exporter's default --collector.diskstats.device-exclude.</summary>
    public static bool Excluded(ReadOnlySpan<byte> device)
    {
        Span<char> chars = device.Length <= 256 ? stackalloc char[device.Length] : new char[device.Length];
        var count = Encoding.UTF8.GetChars(device, chars);
        return DefaultExclude().IsMatch(chars[..count]);
    }

    private static MetricFamily Counter(string name, string help) => new(name, help, MetricType.Counter);

    [GeneratedRegex(@"^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultExclude();
}
