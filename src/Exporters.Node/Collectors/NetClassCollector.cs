using System.Buffers;
using System.Buffers.Text;
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
    private static readonly (MetricFamily Family, byte[] File, double Scale)[] Properties =
    [
        (Gauge("address_assign_type"), "addr_assign_type"u8.ToArray(), 1),
        (Gauge("carrier"), "carrier"u8.ToArray(), 1),
        (Counter("carrier_changes_total"), "carrier_changes"u8.ToArray(), 1),
        (Counter("carrier_down_changes_total"), "carrier_down_count"u8.ToArray(), 1),
        (Counter("carrier_up_changes_total"), "carrier_up_count"u8.ToArray(), 1),
        (Gauge("device_id"), "dev_id"u8.ToArray(), 1),
        (Gauge("dormant"), "dormant"u8.ToArray(), 1),
        (Gauge("flags"), "flags"u8.ToArray(), 1),
        (Gauge("iface_id"), "ifindex"u8.ToArray(), 1),
        (Gauge("iface_link"), "iflink"u8.ToArray(), 1),
        (Gauge("iface_link_mode"), "link_mode"u8.ToArray(), 1),
        (Gauge("mtu_bytes"), "mtu"u8.ToArray(), 1),
        (Gauge("name_assign_type"), "name_assign_type"u8.ToArray(), 1),
        (Gauge("net_dev_group"), "netdev_group"u8.ToArray(), 1),
        (Gauge("protocol_type"), "type"u8.ToArray(), 1),
        (Gauge("speed_bytes"), "speed"u8.ToArray(), 1000 * 1000 / 8),
        (Gauge("transmit_queue_length"), "tx_queue_len"u8.ToArray(), 1),
    ];

    // The files of node_network_info, in the order NetClassDevice.Info takes them; operstate last.
    private static readonly byte[][] InfoFiles = ["address"u8.ToArray(), "broadcast"u8.ToArray(), "duplex"u8.ToArray(), "ifalias"u8.ToArray(), "operstate"u8.ToArray()];

    private const int InfoAfter = 10;
    private const int MaxFile = 4096;
    private static readonly IComparer<LabelSet> InfoComparer = Comparer<LabelSet>.Create(InfoOrder.Compare);
    private static readonly MetricFamily Info = new("node_network_info", "Non-numeric data from /sys/class/net/<iface>, value is always 1.", MetricType.Gauge);
    private static readonly MetricFamily Up = new("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", MetricType.Gauge);

    private static readonly int SpeedIndex = Array.FindIndex(Properties, static p => p.File.AsSpan().SequenceEqual("speed"u8));
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

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        Write(paths.Sys("class/net"), writer, _ignored, _ignoreInvalidSpeed);
        return true;
    }

    /// <summary>Reads every device under <paramref name="classNet"/> and writes each family with every device, devices in name order.</summary>
    public static void Write(string classNet, ExpositionWriter writer, DeviceFilter? ignored = null, bool ignoreInvalidSpeed = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!ProcDirectory.TryOpen(classNet, out var root, out var errno))
        {
            throw ProcFile.Error(classNet, errno);
        }

        var devices = new List<NetClassDevice>();
        try
        {
            ListDevices(classNet, devices, ignored);
            devices.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            Write(root, devices, writer, ignoreInvalidSpeed);
        }
        finally
        {
            root.Dispose();
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

    /// <summary>Every entry of the directory; those that are not directories are left out when read.</summary>
    private static void ListDevices(string classNet, List<NetClassDevice> devices, DeviceFilter? ignored)
    {
        if (!DirectoryEntries.TryOpen(classNet, out var entries, out var errno))
        {
            throw ProcFile.Error(classNet, errno);
        }

        try
        {
            while (entries.MoveNext())
            {
                if (ignored is null || !ignored.Ignored(entries.Name))
                {
                    devices.Add(NetClassDevice.Get(entries.Name));
                }
            }
        }
        finally
        {
            entries.Dispose();
        }
    }

    private static void Write(ProcDirectory root, List<NetClassDevice> devices, ExpositionWriter writer, bool ignoreInvalidSpeed)
    {
        var values = ArrayPool<double>.Shared.Rent(devices.Count * Properties.Length);
        var info = ArrayPool<LabelSet>.Shared.Rent(devices.Count);
        var up = ArrayPool<bool>.Shared.Rent(devices.Count);
        var text = ArrayPool<byte>.Shared.Rent(InfoFiles.Length * (2 + MaxFile));
        try
        {
            var count = 0;
            Span<byte> buffer = stackalloc byte[MaxFile];
            for (var i = 0; i < devices.Count; i++)
            {
                var device = devices[i];

                // Not a directory (e.g. bonding_masters), or gone since the listing.
                if (!root.TryOpen(device.Utf8Name, out var directory, out _))
                {
                    continue;
                }

                using (directory)
                {
                    for (var p = 0; p < Properties.Length; p++)
                    {
                        values[count * Properties.Length + p] =
                            directory.TryReadAttribute(Properties[p].File, buffer, out var length, out _) && TryParse(buffer[..length], out var value)
                                ? value * Properties[p].Scale
                                : double.NaN;
                    }

                    // A negative speed is the kernel's "unknown"; node_exporter leaves it out when asked to.
                    if (ignoreInvalidSpeed && values[count * Properties.Length + SpeedIndex] < 0)
                    {
                        values[count * Properties.Length + SpeedIndex] = double.NaN;
                    }

                    var used = ReadInfo(directory, text, out var operState);
                    up[count] = operState.SequenceEqual("up"u8);
                    info[count] = device.Info(text.AsSpan(0, used));
                }

                devices[count++] = device;
            }

            devices.RemoveRange(count, devices.Count - count);
            WriteFamilies(devices, values, info, up, writer);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<LabelSet>.Shared.Return(info, clearArray: true);
            ArrayPool<bool>.Shared.Return(up);
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    /// <summary>
    /// The info files into <paramref name="text"/>, each as a 16-bit length and its text without the
    /// trailing newlines ("" when unreadable); returns the bytes used and the operstate's text.
    /// </summary>
    private static int ReadInfo(ProcDirectory directory, byte[] text, out ReadOnlySpan<byte> operState)
    {
        var used = 0;
        operState = default;
        foreach (var file in InfoFiles)
        {
            var value = directory.TryReadAttribute(file, text.AsSpan(used + 2, MaxFile), out var length, out _)
                ? text.AsSpan(used + 2, length).TrimEnd("\n"u8)
                : default;
            text[used] = (byte)value.Length;
            text[used + 1] = (byte)(value.Length >> 8);
            operState = value;
            used += 2 + value.Length;
        }

        return used;
    }

    private static void WriteFamilies(List<NetClassDevice> devices, double[] values, LabelSet[] info, bool[] up, ExpositionWriter writer)
    {
        // node_network_info in the Go client's order: by its label values (address first), not by device.
        Array.Sort(info, 0, devices.Count, InfoComparer);
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
                var value = values[d * Properties.Length + p];
                if (!double.IsNaN(value))
                {
                    writer.WriteSample(Properties[p].Family, devices[d].Labels, value);
                }
            }
        }

        for (var d = 0; d < devices.Count; d++)
        {
            writer.WriteSample(Up, devices[d].Labels, up[d] ? 1 : 0);
        }
    }

    private static MetricFamily Gauge(string name) => new("node_network_" + name, "Network device property: " + name, MetricType.Gauge);

    private static MetricFamily Counter(string name) => new("node_network_" + name, "Network device property: " + name, MetricType.Counter);
}
