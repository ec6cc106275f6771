using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/fs/btrfs/&lt;uuid&gt;: each filesystem's label, global reserve, devices' sizes, and space per allocation
/// type and layout. node_exporter 1.5 also asks each mounted btrfs filesystem by ioctl for its devices'
/// error counters and unused bytes (node_btrfs_device_errors_total, node_btrfs_device_unused_bytes, and a
/// btrfs_dev_uuid label on node_btrfs_device_size_bytes); this collector reads sysfs alone and writes what
/// node_exporter writes when that ioctl gives nothing.
/// </summary>
internal sealed class BtrfsCollector : INodeCollector
{
    private static readonly string[] BlockGroupTypes = ["data", "metadata", "system"];
    private static readonly MetricFamily AllocationRatio = Gauge("allocation_ratio", "Data allocation ratio for a layout/data type");
    private static readonly MetricFamily DeviceSize = Gauge("device_size_bytes", "Size of a device that is part of the filesystem.");
    private static readonly MetricFamily GlobalReserve = Gauge("global_rsv_size_bytes", "Size of global reserve.");
    private static readonly MetricFamily Info = Gauge("info", "Filesystem information");
    private static readonly MetricFamily Reserved = Gauge("reserved_bytes", "Amount of space reserved for a data type");
    private static readonly MetricFamily Size = Gauge("size_bytes", "Amount of space allocated for a layout/data type");
    private static readonly MetricFamily Used = Gauge("used_bytes", "Amount of used space by a layout/data type");

    public string Name => "btrfs";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("fs/btrfs");
        if (!Directory.Exists(root))
        {
            return true;
        }

        var filesystems = new List<BtrfsStats>();
        var names = Directory.GetFileSystemEntries(root, "*-*");
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var directory in names)
        {
            filesystems.Add(BtrfsReader.Read(directory));
        }

        Write(filesystems, writer);
        return true;
    }

    /// <summary>The families, each with its samples ordered by label values as node_exporter lists them.</summary>
    public static void Write(List<BtrfsStats> filesystems, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(filesystems);
        ArgumentNullException.ThrowIfNull(writer);
        var layouts = new List<(string Type, string Mode, string Uuid, BtrfsLayout Layout)>();
        var reserved = new List<(string Type, string Uuid, double Bytes)>();
        var devices = new List<(string Device, string Uuid, double Bytes)>();
        foreach (var fs in filesystems)
        {
            for (var t = 0; t < BlockGroupTypes.Length; t++)
            {
                reserved.Add((BlockGroupTypes[t], fs.Uuid, fs.Allocations[t].ReservedBytes));
                foreach (var layout in fs.Allocations[t].Layouts)
                {
                    layouts.Add((BlockGroupTypes[t], layout.Mode, fs.Uuid, layout));
                }
            }

            foreach (var (device, bytes) in fs.Devices)
            {
                devices.Add((device, fs.Uuid, bytes));
            }
        }

        layouts.Sort(static (a, b) => Compare(a.Type, a.Mode, a.Uuid, b.Type, b.Mode, b.Uuid));
        reserved.Sort(static (a, b) => Compare(a.Type, a.Uuid, "", b.Type, b.Uuid, ""));
        devices.Sort(static (a, b) => Compare(a.Device, a.Uuid, "", b.Device, b.Uuid, ""));
        var byUuid = new List<BtrfsStats>(filesystems);
        byUuid.Sort(static (a, b) => string.CompareOrdinal(a.Uuid, b.Uuid));
        var byLabel = new List<BtrfsStats>(filesystems);
        byLabel.Sort(static (a, b) => Compare(a.Label, a.Uuid, "", b.Label, b.Uuid, ""));

        foreach (var l in layouts)
        {
            writer.WriteSample(AllocationRatio, LayoutLabels(l.Type, l.Mode, l.Uuid), l.Layout.Ratio);
        }

        foreach (var d in devices)
        {
            writer.WriteSample(DeviceSize, LabelSet.Create([new("device", d.Device), new("uuid", d.Uuid)]), d.Bytes);
        }

        foreach (var fs in byUuid)
        {
            writer.WriteSample(GlobalReserve, LabelSet.Create([new("uuid", fs.Uuid)]), fs.GlobalReserveBytes);
        }

        foreach (var fs in byLabel)
        {
            writer.WriteSample(Info, LabelSet.Create([new("label", fs.Label), new("uuid", fs.Uuid)]), 1);
        }

        foreach (var r in reserved)
        {
            writer.WriteSample(Reserved, LabelSet.Create([new("block_group_type", r.Type), new("uuid", r.Uuid)]), r.Bytes);
        }

        foreach (var l in layouts)
        {
            writer.WriteSample(Size, LayoutLabels(l.Type, l.Mode, l.Uuid), l.Layout.TotalBytes);
        }

        foreach (var l in layouts)
        {
            writer.WriteSample(Used, LayoutLabels(l.Type, l.Mode, l.Uuid), l.Layout.UsedBytes);
        }
    }

    private static LabelSet LayoutLabels(string type, string mode, string uuid) =>
        LabelSet.Create([new("block_group_type", type), new("mode", mode), new("uuid", uuid)]);

    private static int Compare(string a1, string a2, string a3, string b1, string b2, string b3)
    {
        var c = string.CompareOrdinal(a1, b1);
        if (c == 0)
        {
            c = string.CompareOrdinal(a2, b2);
        }

        return c != 0 ? c : string.CompareOrdinal(a3, b3);
    }

    private static MetricFamily Gauge(string name, string help) => new("node_btrfs_" + name, help, MetricType.Gauge);
}
