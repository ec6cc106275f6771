using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/sys/class/nvme/&lt;device&gt;: each controller's serial, model, state and firmware as node_nvme_info.</summary>
internal sealed class NvmeCollector : INodeCollector
{
    private static readonly MetricFamily Info = new("node_nvme_info", "Non-numeric data from /sys/class/nvme/<device>, value is always 1.", MetricType.Gauge);

    public string Name => "nvme";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);
        var root = paths.Sys("class/nvme");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var devices = new List<LabelSet>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            var labels = Read(entry);

            // A file that is gone: node_exporter reports no data, as for a missing class.
            if (labels is null)
            {
                return false;
            }

            devices.Add(labels);
        }

        devices.Sort(static (a, b) => InfoOrder.Compare(a, b));
        foreach (var labels in devices)
        {
            writer.WriteSample(Info, labels, 1);
        }

        return true;
    }

    /// <summary>The device's labels, or null when one of its files does not exist.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    private static LabelSet? Read(string directory)
    {
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        var values = new string[4];
        ReadOnlySpan<string> files = ["firmware_rev", "model", "serial", "state"];
        for (var i = 0; i < files.Length; i++)
        {
            var path = Path.Join(directory, files[i]);
            if (!SysAttribute.TryRead(path, buffer, out var value, out var errno))
            {
                return errno == SysAttribute.ErrorNoEntry ? null : throw ProcFile.Error(path, errno);
            }

            values[i] = SysAttribute.Text(value);
        }

        return LabelSet.Create(
        [
            new("device", Path.GetFileName(directory)),
            new("firmware_revision", values[0]),
            new("model", values[1]),
            new("serial", values[2]),
            new("state", values[3]),
        ]);
    }
}
