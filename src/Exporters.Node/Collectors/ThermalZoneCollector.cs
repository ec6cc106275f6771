using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/sys/class/thermal: each thermal zone's temperature and each cooling device's throttle states.</summary>
internal sealed class ThermalZoneCollector : INodeCollector
{
    private static readonly MetricFamily CurState = new("node_cooling_device_cur_state", "Current throttle state of the cooling device", MetricType.Gauge);
    private static readonly MetricFamily MaxState = new("node_cooling_device_max_state", "Maximum throttle state of the cooling device", MetricType.Gauge);
    private static readonly MetricFamily Temp = new("node_thermal_zone_temp", "Zone temperature in Celsius", MetricType.Gauge);

    public string Name => "thermal_zone";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("class/thermal");
        var zones = new List<(string Type, string Zone, double Celsius)>();
        var devices = new List<(string Name, string Type, double Cur, double Max)>();
        foreach (var directory in Directory.EnumerateDirectories(root, "thermal_zone*"))
        {
            var zone = Path.GetFileName(directory)["thermal_zone".Length..];
            zones.Add((ReadText(Path.Combine(directory, "type")), zone, ReadNumber(Path.Combine(directory, "temp")) / 1000.0));
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "cooling_device*"))
        {
            var name = Path.GetFileName(directory)["cooling_device".Length..];
            devices.Add((name, ReadText(Path.Combine(directory, "type")), ReadNumber(Path.Combine(directory, "cur_state")), ReadNumber(Path.Combine(directory, "max_state"))));
        }

        Write(zones, devices, writer);
        return true;
    }

    /// <summary>The families with their samples ordered by label values, as node_exporter lists them.</summary>
    public static void Write(List<(string Type, string Zone, double Celsius)> zones, List<(string Name, string Type, double Cur, double Max)> devices, ExpositionWriter writer)
    {
        devices.Sort(static (a, b) => Compare(a.Name, a.Type, b.Name, b.Type));
        zones.Sort(static (a, b) => Compare(a.Type, a.Zone, b.Type, b.Zone));
        foreach (var device in devices)
        {
            writer.WriteSample(CurState, DeviceLabels(device.Name, device.Type), device.Cur);
        }

        foreach (var device in devices)
        {
            writer.WriteSample(MaxState, DeviceLabels(device.Name, device.Type), device.Max);
        }

        foreach (var zone in zones)
        {
            writer.WriteSample(Temp, LabelSet.Create([new("type", zone.Type), new("zone", zone.Zone)]), zone.Celsius);
        }
    }

    private static LabelSet DeviceLabels(string name, string type) => LabelSet.Create([new("name", name), new("type", type)]);

    private static int Compare(string a1, string a2, string b1, string b2)
    {
        var first = string.CompareOrdinal(a1, b1);
        return first != 0 ? first : string.CompareOrdinal(a2, b2);
    }

    private static string ReadText(string path)
    {
        using var file = FileBuffer.Read(path);
        return Encoding.UTF8.GetString(file.Span.TrimEnd("\n"u8));
    }

    private static double ReadNumber(string path)
    {
        using var file = FileBuffer.Read(path);
        var text = file.Span;
        return Bytes.NextField(ref text, out var field) ? Bytes.ParseInt64(field) : throw new FormatException($"{path} is empty");
    }
}
