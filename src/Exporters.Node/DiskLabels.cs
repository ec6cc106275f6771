using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// What diskstats writes of one disk besides its counters, as made from one version of its udev data file:
/// the device label, node_disk_info's labels, the ATA values, node_disk_device_mapper_info's labels and
/// node_disk_filesystem_info's labels.
/// </summary>
internal sealed class DiskLabels
{
    public DiskLabels(FileStamp stamp, LabelSet device, LabelSet info, double?[] ata, LabelSet? deviceMapper, LabelSet? filesystem)
    {
        Filesystem = filesystem;
        Stamp = stamp;
        Device = device;
        Info = info;
        Ata = ata;
        DeviceMapper = deviceMapper;
    }

    /// <summary>The udev data file these were read from, or <see cref="FileStamp.Missing"/>.</summary>
    public FileStamp Stamp { get; }

    /// <summary>{device="…"}.</summary>
    public LabelSet Device { get; }

    public LabelSet Info { get; }

    /// <summary>Each ATA family's value in the collector's order; null where udev gives none.</summary>
    public double?[] Ata { get; }

    /// <summary>Null for a device that is not a device mapper device.</summary>
    public LabelSet? DeviceMapper { get; }

    /// <summary>Null for a device on which udev found no filesystem (no or an empty ID_FS_TYPE).</summary>
    public LabelSet? Filesystem { get; }
}
