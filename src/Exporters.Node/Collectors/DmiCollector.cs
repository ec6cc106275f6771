using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/dmi/id: the firmware's description of the machine as the labels of node_dmi_info. Read once,
/// as node_exporter does (it does not change until the next boot); a file only root may read is left out.
/// </summary>
internal sealed class DmiCollector : INodeCollector
{
    // (file, label), by label name.
    private static readonly (string File, string Label)[] Files =
    [
        ("bios_date", "bios_date"),
        ("bios_release", "bios_release"),
        ("bios_vendor", "bios_vendor"),
        ("bios_version", "bios_version"),
        ("board_asset_tag", "board_asset_tag"),
        ("board_name", "board_name"),
        ("board_serial", "board_serial"),
        ("board_vendor", "board_vendor"),
        ("board_version", "board_version"),
        ("chassis_asset_tag", "chassis_asset_tag"),
        ("chassis_serial", "chassis_serial"),
        ("chassis_vendor", "chassis_vendor"),
        ("chassis_version", "chassis_version"),
        ("product_family", "product_family"),
        ("product_name", "product_name"),
        ("product_serial", "product_serial"),
        ("product_sku", "product_sku"),
        ("product_uuid", "product_uuid"),
        ("product_version", "product_version"),
        ("sys_vendor", "system_vendor"),
    ];

    private static readonly MetricFamily Info = new(
        "node_dmi_info",
        "A metric with a constant '1' value labeled by bios_date, bios_release, bios_vendor, bios_version, board_asset_tag, board_name, board_serial, board_vendor, board_version, chassis_asset_tag, chassis_serial, chassis_vendor, chassis_version, product_family, product_name, product_serial, product_sku, product_uuid, product_version, system_vendor if provided by DMI.",
        MetricType.Gauge);

    // Null until read; LabelSet.Empty when the node has no DMI information.
    private LabelSet? _labels;

    public string Name => "dmi";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);
        var labels = _labels ??= Read(paths.Sys("class/dmi/id"));
        if (labels.Pairs.Count == 0)
        {
            return false;
        }

        writer.WriteSample(Info, labels, 1);
        return true;
    }

    /// <summary>The labels from the regular files of <paramref name="directory"/>; none when it does not exist.</summary>
    /// <exception cref="IOException">A file exists but cannot be read for another reason than permissions.</exception>
    public static LabelSet Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return LabelSet.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        foreach (var (file, label) in Files)
        {
            var path = Path.Join(directory, file);
            if (!IsRegularFile(path))
            {
                continue;
            }

            if (!SysAttribute.TryRead(path, buffer, out var value, out var errno))
            {
                // Only root may read the serial numbers and the UUID.
                if (errno is SysAttribute.ErrorAccess or SysAttribute.ErrorPermission)
                {
                    continue;
                }

                throw ProcFile.Error(path, errno);
            }

            pairs.Add(new(label, SysAttribute.Text(value)));
        }

        return LabelSet.Create(pairs);
    }

    private static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }
}
