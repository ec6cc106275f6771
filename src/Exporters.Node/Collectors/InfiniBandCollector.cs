using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/infiniband/&lt;device&gt;: each device's board, firmware and HCA type as node_infiniband_info, and
/// for each port its state, physical state, rate and the counters of counters/ and (before Linux 4.5)
/// counters_ext/. A device without board_id, fw_ver or hca_type, or a port without state, phys_state, rate
/// or counters/, fails the collector as in node_exporter 1.5.
/// </summary>
internal sealed class InfiniBandCollector : INodeCollector
{
    private const int MaxRead = 128;

    // Errors of a counter file that leave the counter out: ENOENT, EPERM, EACCES, EINVAL, EOPNOTSUPP.
    private static readonly int[] SkippedErrors = [2, 1, 13, 22, 95];

    // (directory, file, family, help, times 4): the data counters count per lane, and ports have 4 lanes.
    private static readonly (string Directory, string File, MetricFamily Family, bool Lanes)[] Counters =
    [
        ("counters", "excessive_buffer_overrun_errors", Counter("excessive_buffer_overrun_errors_total", "Number of times that OverrunErrors consecutive flow control update periods occurred, each having at least one overrun error."), false),
        ("counters_ext", "port_rcv_data_64", Counter("legacy_data_received_bytes_total", "Number of data octets received on all links"), true),
        ("counters_ext", "port_xmit_data_64", Counter("legacy_data_transmitted_bytes_total", "Number of data octets transmitted on all links"), true),
        ("counters_ext", "port_multicast_rcv_packets", Counter("legacy_multicast_packets_received_total", "Number of multicast packets received"), false),
        ("counters_ext", "port_multicast_xmit_packets", Counter("legacy_multicast_packets_transmitted_total", "Number of multicast packets transmitted"), false),
        ("counters_ext", "port_rcv_packets_64", Counter("legacy_packets_received_total", "Number of data packets received on all links"), false),
        ("counters_ext", "port_xmit_packets_64", Counter("legacy_packets_transmitted_total", "Number of data packets received on all links"), false),
        ("counters_ext", "port_unicast_rcv_packets", Counter("legacy_unicast_packets_received_total", "Number of unicast packets received"), false),
        ("counters_ext", "port_unicast_xmit_packets", Counter("legacy_unicast_packets_transmitted_total", "Number of unicast packets transmitted"), false),
        ("counters", "link_downed", Counter("link_downed_total", "Number of times the link failed to recover from an error state and went down"), false),
        ("counters", "link_error_recovery", Counter("link_error_recovery_total", "Number of times the link successfully recovered from an error state"), false),
        ("counters", "local_link_integrity_errors", Counter("local_link_integrity_errors_total", "Number of times that the count of local physical errors exceeded the threshold specified by LocalPhyErrors."), false),
        ("counters", "multicast_rcv_packets", Counter("multicast_packets_received_total", "Number of multicast packets received (including errors)"), false),
        ("counters", "multicast_xmit_packets", Counter("multicast_packets_transmitted_total", "Number of multicast packets transmitted (including errors)"), false),
        ("counters", "port_rcv_constraint_errors", Counter("port_constraint_errors_received_total", "Number of packets received on the switch physical port that are discarded"), false),
        ("counters", "port_xmit_constraint_errors", Counter("port_constraint_errors_transmitted_total", "Number of packets not transmitted from the switch physical port"), false),
        ("counters", "port_rcv_data", Counter("port_data_received_bytes_total", "Number of data octets received on all links"), true),
        ("counters", "port_xmit_data", Counter("port_data_transmitted_bytes_total", "Number of data octets transmitted on all links"), true),
        ("counters", "port_rcv_discards", Counter("port_discards_received_total", "Number of inbound packets discarded by the port because the port is down or congested"), false),
        ("counters", "port_xmit_discards", Counter("port_discards_transmitted_total", "Number of outbound packets discarded by the port because the port is down or congested"), false),
        ("counters", "port_rcv_errors", Counter("port_errors_received_total", "Number of packets containing an error that were received on this port"), false),
        ("counters", "port_rcv_packets", Counter("port_packets_received_total", "Number of packets received on all VLs by this port (including errors)"), false),
        ("counters", "port_xmit_packets", Counter("port_packets_transmitted_total", "Number of packets transmitted on all VLs from this port (including errors)"), false),
        ("counters", "port_rcv_remote_physical_errors", Counter("port_receive_remote_physical_errors_total", "Number of packets marked with the EBP (End of Bad Packet) delimiter received on the port."), false),
        ("counters", "port_rcv_switch_relay_errors", Counter("port_receive_switch_relay_errors_total", "Number of packets that could not be forwarded by the switch."), false),
        ("counters", "port_xmit_wait", Counter("port_transmit_wait_total", "Number of ticks during which the port had data to transmit but no data was sent during the entire tick"), false),
        ("counters", "symbol_error", Counter("symbol_error_total", "Number of minor link errors detected on one or more physical lanes."), false),
        ("counters", "unicast_rcv_packets", Counter("unicast_packets_received_total", "Number of unicast packets received (including errors)"), false),
        ("counters", "unicast_xmit_packets", Counter("unicast_packets_transmitted_total", "Number of unicast packets transmitted (including errors)"), false),
        ("counters", "VL15_dropped", Counter("vl15_dropped_total", "Number of incoming VL15 packets dropped due to resource limitations."), false),
    ];

    private static readonly MetricFamily Info = Gauge("info", "Non-numeric data from /sys/class/infiniband/<device>, value is always 1.");
    private static readonly MetricFamily PhysicalState = Gauge("physical_state_id", "Physical state of the InfiniBand port (0: no change, 1: sleep, 2: polling, 3: disable, 4: shift, 5: link up, 6: link error recover, 7: phytest)");
    private static readonly MetricFamily Rate = Gauge("rate_bytes_per_second", "Maximum signal transfer rate");
    private static readonly MetricFamily State = Gauge("state_id", "State of the InfiniBand port (0: no change, 1: down, 2: init, 3: armed, 4: active, 5: act defer)");

    public string Name => "infiniband";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("class/infiniband");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var devices = new List<(string Name, string Board, string Firmware, string Hca)>();
        var ports = new List<InfiniBandPort>();
        foreach (var entry in Directory.GetFileSystemEntries(root))
        {
            var name = Path.GetFileName(entry);
            var firmware = ReadAttribute(Path.Combine(entry, "fw_ver"));
            var board = ReadAttribute(Path.Combine(entry, "board_id"));
            var hca = ReadAttribute(Path.Combine(entry, "hca_type"));
            devices.Add((name, board, firmware, hca));
            foreach (var port in Directory.GetFileSystemEntries(Path.Combine(entry, "ports")))
            {
                ports.Add(ReadPort(name, port));
            }
        }

        devices.Sort(static (a, b) => Compare(a.Board, a.Name, b.Board, b.Name));
        ports.Sort(static (a, b) => Compare(a.Device, a.Port, b.Device, b.Port));
        for (var c = 0; c < Counters.Length; c++)
        {
            if (c == 1)
            {
                foreach (var device in devices)
                {
                    writer.WriteSample(Info, LabelSet.Create([new("board_id", device.Board), new("device", device.Name), new("firmware_version", device.Firmware), new("hca_type", device.Hca)]), 1);
                }
            }

            foreach (var port in ports)
            {
                if (port.Counters[c] is { } value)
                {
                    writer.WriteSample(Counters[c].Family, PortLabels(port), value);
                }
            }
        }

        foreach (var port in ports)
        {
            writer.WriteSample(PhysicalState, PortLabels(port), port.PhysicalState);
        }

        foreach (var port in ports)
        {
            writer.WriteSample(Rate, PortLabels(port), port.Rate);
        }

        foreach (var port in ports)
        {
            writer.WriteSample(State, PortLabels(port), port.State);
        }

        return true;
    }

    /// <summary>A state file ("4: ACTIVE"): the number before the colon.</summary>
    /// <exception cref="FormatException">Not one colon, or no number before it.</exception>
    public static uint ParseState(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2)
        {
            throw new FormatException($"failed to split {text} into 'ID: NAME'");
        }

        var id = parts[0].Trim();
        return id.Length > 0 && id.All(char.IsAsciiDigit) && uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"failed to convert {id} into uint");
    }

    /// <summary>A rate file ("100 Gb/sec (4X EDR)") in bytes per second: the gigabits before the first space, as a single-precision number.</summary>
    /// <exception cref="FormatException">No space, or no number before it.</exception>
    public static ulong ParseRate(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new FormatException($"failed to split \"{text}\"");
        }

        var number = text[..space].Trim();
        if (number.Length == 0 || !float.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var gigabits) || float.IsInfinity(gigabits))
        {
            throw new FormatException($"failed to convert {number} into uint");
        }

        var bytes = (double)gigabits * 125000000;
        return bytes < 0 ? unchecked((ulong)(long)bytes) : (ulong)bytes;
    }

    /// <summary>A counter file's value; null when it says "N/A (no PMA)" (a port without performance management).</summary>
    /// <exception cref="FormatException">Neither a number nor N/A.</exception>
    public static ulong? ParseCounter(string text, bool lanes)
    {
        if (SysfsNumber.TryParse(text, out var value))
        {
            return lanes ? unchecked(value * 4) : value;
        }

        return text.Contains("N/A (no PMA)", StringComparison.Ordinal) ? null : throw new FormatException($"\"{text}\" is not a counter");
    }

    private static InfiniBandPort ReadPort(string device, string directory)
    {
        var port = Path.GetFileName(directory);
        if (port.Length == 0 || !port.All(char.IsAsciiDigit) || !uint.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"failed to convert {port} into uint");
        }

        var state = ParseState(ReadWhole(Path.Combine(directory, "state")));
        var physical = ParseState(ReadWhole(Path.Combine(directory, "phys_state")));
        var rate = ParseRate(ReadWhole(Path.Combine(directory, "rate")));
        var counters = new ulong?[Counters.Length];
        ReadCounters(Path.Combine(directory, "counters"), counters, required: true);
        ReadCounters(Path.Combine(directory, "counters_ext"), counters, required: false);
        return new InfiniBandPort(device, number.ToString(CultureInfo.InvariantCulture), state, physical, rate, counters);
    }

    private static void ReadCounters(string directory, ulong?[] counters, bool required)
    {
        if (!required && !Directory.Exists(directory))
        {
            return;
        }

        var kind = Path.GetFileName(directory);
        Span<byte> buffer = stackalloc byte[MaxRead];
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            var index = Array.FindIndex(Counters, c => c.Directory == kind && c.File == file.Name);
            if (!ProcFile.TryRead(file.FullName, buffer, out var length, out var errno))
            {
                if (Array.IndexOf(SkippedErrors, errno) >= 0)
                {
                    continue;
                }

                throw ProcFile.Error(file.FullName, errno);
            }

            if (index >= 0)
            {
                counters[index] = ParseCounter(Encoding.UTF8.GetString(buffer[..length].Trim(" \t\n\r\v\f"u8)), Counters[index].Lanes);
            }
        }
    }

    /// <summary>An attribute as node_exporter reads it: up to 128 bytes in one read, blanks trimmed.</summary>
    private static string ReadAttribute(string path)
    {
        Span<byte> buffer = stackalloc byte[MaxRead];
        return ProcFile.TryRead(path, buffer, out var length, out var errno)
            ? Encoding.UTF8.GetString(buffer[..length].Trim(" \t\n\r\v\f"u8))
            : throw ProcFile.Error(path, errno);
    }

    private static string ReadWhole(string path)
    {
        using var file = FileBuffer.Read(path);
        return Encoding.UTF8.GetString(file.Span);
    }

    private static LabelSet PortLabels(InfiniBandPort port) => LabelSet.Create([new("device", port.Device), new("port", port.Port)]);

    private static int Compare(string a1, string a2, string b1, string b2)
    {
        var first = string.CompareOrdinal(a1, b1);
        return first != 0 ? first : string.CompareOrdinal(a2, b2);
    }

    private static MetricFamily Gauge(string name, string help) => new("node_infiniband_" + name, help, MetricType.Gauge);

    private static MetricFamily Counter(string name, string help) => new("node_infiniband_" + name, help, MetricType.Counter);
}
