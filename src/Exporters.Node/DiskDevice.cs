using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node;

/// <summary>
/// One disk of /proc/diskstats that the device filter lets through: its numbers and name, and its labels as
/// made from its udev data file, kept until that file's stamp changes.
/// </summary>
internal sealed class DiskDevice
{
    private readonly string _major;
    private readonly string _minor;
    private readonly string? _udevData;
    private readonly byte[]? _udevPath;
    private readonly LabelSet _device;
    private volatile DiskLabels? _labels;

    /// <param name="major">The device's major number, as diskstats writes it.</param>
    /// <param name="minor">The device's minor number.</param>
    /// <param name="name">The device's name.</param>
    /// <param name="udevData">--path.udev.data; null for no udev labels.</param>
    public DiskDevice(string major, string minor, string name, string? udevData)
    {
        _major = major;
        _minor = minor;
        _udevData = udevData;
        _device = LabelSet.Create([new("device", name)]);
        if (udevData is not null)
        {
            var path = Path.Join(udevData, $"b{major}:{minor}");
            _udevPath = new byte[Encoding.UTF8.GetByteCount(path) + 1];
            Encoding.UTF8.GetBytes(path, _udevPath);
        }
    }

    /// <summary>The ATA properties, in the order of <see cref="DiskLabels.Ata"/>.</summary>
    public static IReadOnlyList<string> AtaProperties { get; } = ["ID_ATA_ROTATION_RATE_RPM", "ID_ATA_WRITE_CACHE", "ID_ATA_WRITE_CACHE_ENABLED"];

    /// <summary>The labels as of the udev data file now: one statx, and the file read only when it changed since the last call.</summary>
    public DiskLabels Labels()
    {
        var stamp = _udevPath is null ? FileStamp.Missing : FileStamp.Of(_udevPath);
        var labels = _labels;
        if (labels is null || labels.Stamp != stamp)
        {
            // Stamped before reading: a change while reading shows as a new stamp next time.
            labels = Make(stamp, stamp == FileStamp.Missing ? [] : Collectors.UdevProperties.Read(_udevData!, _major, _minor));
            _labels = labels;
        }

        return labels;
    }

    private DiskLabels Make(FileStamp stamp, Dictionary<string, string> udev)
    {
        var name = _device.Pairs[0].Value;
        var info = LabelSet.Create(
        [
            new("device", name), new("major", _major), new("minor", _minor),
            new("model", Get(udev, "ID_MODEL")), new("path", Get(udev, "ID_PATH")),
            new("revision", Get(udev, "ID_REVISION")), new("serial", Get(udev, "ID_SERIAL_SHORT")), new("wwn", Get(udev, "ID_WWN")),
        ]);

        var ata = new double?[AtaProperties.Count];
        for (var i = 0; i < ata.Length; i++)
        {
            if (Get(udev, "ID_ATA").Length > 0 && udev.TryGetValue(AtaProperties[i], out var text)
                && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                ata[i] = value;
            }
        }

        var mapperName = Get(udev, "DM_NAME");
        var deviceMapper = mapperName.Length == 0
            ? null
            : LabelSet.Create(
            [
                new("device", name), new("lv_layer", Get(udev, "DM_LV_LAYER")), new("lv_name", Get(udev, "DM_LV_NAME")),
                new("name", mapperName), new("uuid", Get(udev, "DM_UUID")), new("vg_name", Get(udev, "DM_VG_NAME")),
            ]);
        var filesystemType = Get(udev, "ID_FS_TYPE");
        var filesystem = filesystemType.Length == 0
            ? null
            : LabelSet.Create(
            [
                new("device", name), new("type", filesystemType), new("usage", Get(udev, "ID_FS_USAGE")),
                new("uuid", Get(udev, "ID_FS_UUID")), new("version", Get(udev, "ID_FS_VERSION")),
            ]);
        return new DiskLabels(stamp, _device, info, ata, deviceMapper, filesystem);
    }

    private static string Get(Dictionary<string, string> properties, string name) => Collectors.UdevProperties.Get(properties, name);
}
