using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// Whether SELinux is on (its selinuxfs is mounted), and then its configured and current enforcement modes:
/// 1 enforcing, 0 permissive, -1 disabled.
/// </summary>
internal sealed class SelinuxCollector : INodeCollector
{
    private static readonly MetricFamily ConfigMode = new("node_selinux_config_mode", "Configured SELinux enforcement mode", MetricType.Gauge);
    private static readonly MetricFamily CurrentMode = new("node_selinux_current_mode", "Current SELinux enforcement mode", MetricType.Gauge);
    private static readonly MetricFamily Enabled = new("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", MetricType.Gauge);

    public string Name => "selinux";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Proc("self/mountinfo");
        if (!File.Exists(path))
        {
            path = paths.Proc("1/mountinfo");
        }

        string? mountPoint;
        using (var mountinfo = FileBuffer.Read(path))
        {
            mountPoint = SelinuxFsMountPoint(mountinfo.Span);
        }

        if (mountPoint is null)
        {
            Write(false, 0, 0, writer);
            return true;
        }

        var enforce = paths.Root(mountPoint) + "/enforce";
        var current = File.Exists(enforce) ? Mode(File.ReadAllText(enforce).Trim() == "1" ? "enforcing" : "permissive") : -1;
        var config = paths.Root("/etc/selinux/config");
        Write(true, File.Exists(config) ? ConfiguredMode(File.ReadAllText(config)) : -1, current, writer);
        return true;
    }

    public static void Write(bool enabled, double configMode, double currentMode, ExpositionWriter writer)
    {
        if (enabled)
        {
            writer.WriteSample(ConfigMode, LabelSet.Empty, configMode);
            writer.WriteSample(CurrentMode, LabelSet.Empty, currentMode);
        }

        writer.WriteSample(Enabled, LabelSet.Empty, enabled ? 1 : 0);
    }

    /// <summary>Where a filesystem of type selinuxfs is mounted; null when none is.</summary>
    public static string? SelinuxFsMountPoint(ReadOnlySpan<byte> mountinfo)
    {
        var text = mountinfo;
        while (Bytes.NextLine(ref text, out var line))
        {
            var separator = line.IndexOf(" - "u8);
            if (separator < 0 || !Bytes.Column(line, 4, out var mountPoint))
            {
                continue;
            }

            var rest = line[(separator + 3)..];
            if (Bytes.NextField(ref rest, out var fsType) && fsType.SequenceEqual("selinuxfs"u8))
            {
                return FilesystemCollector.Decode(mountPoint);
            }
        }

        return null;
    }

    /// <summary>The SELINUX= setting of /etc/selinux/config as a mode; -1 when it is missing or unknown.</summary>
    public static int ConfiguredMode(string config)
    {
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("SELINUX=", StringComparison.Ordinal))
            {
                return Mode(line["SELINUX=".Length..].Trim('"'));
            }
        }

        return -1;
    }

    private static int Mode(string name) => name switch
    {
        "enforcing" => 1,
        "permissive" => 0,
        _ => -1,
    };
}
