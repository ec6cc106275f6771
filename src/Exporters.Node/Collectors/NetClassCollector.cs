using System.Buffers.Text;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/net/&lt;iface&gt;: whether each device is up, its addresses and state as node_network_info, and
/// its numeric properties. A property the kernel cannot give for a device (e.g. the speed of lo) is left out.
/// </summary>
internal sealed class NetClassCollector : INodeCollector
{
    // (family, file, scale), sorted by family name; "info" and "up" are written between them in name order.
    private static readonly (MetricFamily Family, string File, double Scale)[] Properties =
    [
        (Gauge("address_assign_type"), "addr_assign_type", 1),
        (Gauge("carrier"), "carrier", 1),
        (Counter("carrier_changes_total"), "carrier_changes", 1),
        (Counter("carrier_down_changes_total"), "carrier_down_count", 1),
        (Counter("carrier_up_changes_total"), "carrier_up_count", 1),
        (Gauge("device_id"), "dev_id", 1),
        (Gauge("dormant"), "dormant", 1),
        (Gauge("flags"), "flags", 1),
        (Gauge("iface_id"), "ifindex", 1),
        (Gauge("iface_link"), "iflink", 1),
        (Gauge("iface_link_mode"), "link_mode", 1),
        (Gauge("mtu_bytes"), "mtu", 1),
        (Gauge("name_assign_type"), "name_assign_type", 1),
        (Gauge("net_dev_group"), "netdev_group", 1),
        (Gauge("protocol_type"), "type", 1),
        (Gauge("speed_bytes"), "speed", 1000 * 1000 / 8),
        (Gauge("transmit_queue_length"), "tx_queue_len", 1),
    ];

    private const int InfoAfter = 10;
    private static readonly MetricFamily Info = new("node_network_info", "Non-numeric data from /sys/class/net/<iface>, value is always 1.", MetricType.Gauge);
    private static readonly MetricFamily Up = new("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", MetricType.Gauge);
    private static readonly LabelCache Devices = new("device");
    private static readonly int SpeedIndex = Array.FindIndex(Properties, static p => p.File == "speed");
    private readonly DeviceFilter _ignored;
    private readonly bool _ignoreInvalidSpeed;

    /// <param name="options">--collector.netclass.ignored-devices and --collector.netclass.ignore-invalid-speed.</param>
    public NetClassCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ignored = options.NetClassDevices;
        _ignoreInvalidSpeed = options.NetClassIgnoreInvalidSpeed;
    }

    public string Name => "netclass";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer) => Write(paths.Sys("class/net"), writer, _ignored, _ignoreInvalidSpeed);

    /// <summary>Reads every device under <paramref name="classNet"/> and writes each family with every device, devices in name order.</summary>
    public static void Write(string classNet, ExpositionWriter writer, DeviceFilter? ignored = null, bool ignoreInvalidSpeed = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var devices = new List<string>();
        foreach (var entry in new DirectoryInfo(classNet).EnumerateDirectories())
        {
            if (ignored is null || !ignored.Ignored(entry.Name))
            {
                devices.Add(entry.Name);
            }
        }

        devices.Sort(StringComparer.Ordinal);
        var values = new double[devices.Count, Properties.Length];
        var info = new LabelSet[devices.Count];
        var up = new bool[devices.Count];
        Span<byte> buffer = stackalloc byte[4096];
        for (var d = 0; d < devices.Count; d++)
        {
            var directory = Path.Join(classNet, devices[d]);
            for (var p = 0; p < Properties.Length; p++)
            {
                values[d, p] = TryRead(Path.Join(directory, Properties[p].File), buffer, out var text) && TryParse(text, out var value)
                    ? value * Properties[p].Scale
                    : double.NaN;
            }

            var operState = ReadString(Path.Join(directory, "operstate"), buffer);
            up[d] = operState == "up";
            info[d] = LabelSet.Create(
            [
                new("address", ReadString(Path.Join(directory, "address"), buffer)),
                new("broadcast", ReadString(Path.Join(directory, "broadcast"), buffer)),
                new("device", devices[d]),
                new("duplex", ReadString(Path.Join(directory, "duplex"), buffer)),
                new("ifalias", ReadString(Path.Join(directory, "ifalias"), buffer)),
                new("operstate", operState),
            ]);
        }

        // A negative speed is the kernel's "unknown"; node_exporter leaves it out when asked to.
        for (var d = 0; ignoreInvalidSpeed && d < devices.Count; d++)
        {
            if (values[d, SpeedIndex] < 0)
            {
                values[d, SpeedIndex] = double.NaN;
            }
        }

        for (var p = 0; p < Properties.Length; p++)
        {
            if (p == InfoAfter + 1)
            {
                for (var d = 0; d < devices.Count; d++)
                {
                    writer.WriteSample(Info, info[d], 1);
                }
            }

            for (var d = 0; d < devices.Count; d++)
            {
                if (!double.IsNaN(values[d, p]))
                {
                    writer.WriteSample(Properties[p].Family, Devices.Get(devices[d]), values[d, p]);
                }
            }
        }

        for (var d = 0; d < devices.Count; d++)
        {
            writer.WriteSample(Up, Devices.Get(devices[d]), up[d] ? 1 : 0);
        }
    }

    /// <summary>A decimal or 0x-prefixed hexadecimal number, as sysfs writes them.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        text = text.Trim("\n "u8);
        if (text.StartsWith("0x"u8))
        {
            var ok = Utf8Parser.TryParse(text[2..], out ulong hex, out var used, 'x') && used == text.Length - 2;
            value = hex;
            return ok;
        }

        var parsed = Utf8Parser.TryParse(text, out long number, out var consumed) && consumed == text.Length;
        value = number;
        return parsed;
    }

    /// <summary>A file's text; false when it is missing or the kernel refuses to read it (EINVAL on a down link).</summary>
    private static bool TryRead(string path, Span<byte> buffer, out ReadOnlySpan<byte> text)
    {
        try
        {
            text = ProcFile.Read(path, buffer);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text = default;
            return false;
        }
    }

    private static string ReadString(string path, Span<byte> buffer) =>
        TryRead(path, buffer, out var text) ? Encoding.UTF8.GetString(text.TrimEnd("\n"u8)) : "";

    private static MetricFamily Gauge(string name) => new("node_network_" + name, "Network device property: " + name, MetricType.Gauge);

    private static MetricFamily Counter(string name) => new("node_network_" + name, "Network device property: " + name, MetricType.Counter);
}
