using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/proc/mdstat: each md (software RAID) device's state, disks and blocks synced.</summary>
internal sealed class MdadmCollector : INodeCollector
{
    private static readonly MetricFamily Blocks = new("node_md_blocks", "Total number of blocks on device.", MetricType.Gauge);
    private static readonly MetricFamily BlocksSynced = new("node_md_blocks_synced", "Number of blocks synced on device.", MetricType.Gauge);
    private static readonly MetricFamily Disks = new("node_md_disks", "Number of active/failed/spare disks of device.", MetricType.Gauge);
    private static readonly MetricFamily DisksRequired = new("node_md_disks_required", "Total number of disks of device.", MetricType.Gauge);
    private static readonly MetricFamily State = new("node_md_state", "Indicates the state of md-device.", MetricType.Gauge);

    /// <summary>The states node_md_state has a sample for, in label order, with the parser's name of each.</summary>
    private static readonly (string Label, string Parsed)[] States =
        [("active", "active"), ("check", "checking"), ("inactive", "inactive"), ("recovering", "recovering"), ("resync", "resyncing")];

    private static readonly LabelCache Devices = new("device");

    public string Name => "mdadm";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Proc("mdstat");
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            // No md driver: node_exporter reports no data.
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(path, errno);
        }

        List<MdStat> devices;
        using (file)
        {
            devices = MdStatParser.Parse(Encoding.UTF8.GetString(file.Span));
        }

        Write(devices, writer);
        return true;
    }

    /// <summary>The families with devices in name order, as node_exporter lists them.</summary>
    public static void Write(List<MdStat> devices, ExpositionWriter writer)
    {
        devices.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var device in devices)
        {
            writer.WriteSample(Blocks, Devices.Get(device.Name), device.BlocksTotal);
        }

        foreach (var device in devices)
        {
            writer.WriteSample(BlocksSynced, Devices.Get(device.Name), device.BlocksSynced);
        }

        foreach (var device in devices)
        {
            writer.WriteSample(Disks, Labels(device.Name, "active"), device.DisksActive);
            writer.WriteSample(Disks, Labels(device.Name, "failed"), device.DisksFailed);
            writer.WriteSample(Disks, Labels(device.Name, "spare"), device.DisksSpare);
        }

        foreach (var device in devices)
        {
            writer.WriteSample(DisksRequired, Devices.Get(device.Name), device.DisksTotal);
        }

        foreach (var device in devices)
        {
            foreach (var (label, parsed) in States)
            {
                writer.WriteSample(State, Labels(device.Name, label), device.State == parsed ? 1 : 0);
            }
        }
    }

    private static LabelSet Labels(string device, string state) => LabelSet.Create([new("device", device), new("state", state)]);
}
