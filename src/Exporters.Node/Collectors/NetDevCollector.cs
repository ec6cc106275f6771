using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/net/dev: the receive and transmit counters of the devices --collector.netdev.device-exclude/-include
/// let through. As node_exporter's netlink default does, each device's rx_nohandler from sysfs is added, and
/// with --collector.netdev.address-info every address of every interface.
/// </summary>
internal sealed class NetDevCollector : INodeCollector
{
    // The 16 columns of /proc/net/dev, in file order; node_exporter lists the families by name.
    private static readonly string[] Columns =
    [
        "receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
        "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed",
        "receive_nohandler",
    ];

    // The column that is not in /proc/net/dev but in /sys/class/net/<device>/statistics/rx_nohandler.
    private const int NoHandler = 16;

    private static readonly MetricFamily[] Families = CreateFamilies();
    private static readonly int[] Order = CreateOrder();
    private static readonly LabelCache Devices = new("device");
    private readonly DeviceFilter _filter;
    private readonly bool _netlink;
    private readonly bool _addressInfo;

    /// <param name="options">The device filter, --collector.netdev.netlink and --collector.netdev.address-info.</param>
    public NetDevCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _filter = options.NetDevDevices;
        _netlink = options.NetDevNetlink;
        _addressInfo = options.NetDevAddressInfo;
    }

    public string Name => "netdev";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("net/dev"));
        if (_addressInfo)
        {
            NetworkAddressInfo.Write(writer);
        }

        Write(file.Span, writer, _filter, _netlink ? paths.Sys("class/net") : null);
        return true;
    }

    /// <summary>
    /// Writes one family per column, each with every device the filter lets through in name order (as
    /// node_exporter's registry sorts them), so a family's samples stay together; receive_nohandler only with
    /// <paramref name="classNet"/>, where it is read from.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> netDev, ExpositionWriter writer, DeviceFilter? filter = null, string? classNet = null)
    {
        filter ??= DeviceFilter.None;
        var rented = ArrayPool<Range>.Shared.Rent(netDev.Count((byte)'\n') + 1);
        try
        {
            var lines = rented.AsSpan(0, DeviceLines(netDev, filter, rented));
            foreach (var column in Order)
            {
                if (column == NoHandler && classNet is null)
                {
                    continue;
                }

                foreach (var range in lines)
                {
                    var line = netDev[range];
                    var colon = line.IndexOf((byte)':');
                    var device = line[..colon].Trim((byte)' ');
                    var rest = line[(colon + 1)..];
                    ulong value = 0;
                    if (column == NoHandler)
                    {
                        value = ReadNoHandler(classNet!, device);
                    }
                    else
                    {
                        for (var i = 0; i <= column; i++)
                        {
                            value = Bytes.NextUInt64(ref rest);
                        }
                    }

                    writer.WriteSample(Families[column], Devices.Get(device), value);
                }
            }
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(rented);
        }
    }

    /// <summary>The ranges of the device lines the filter lets through (after the two header lines), sorted by device name.</summary>
    private static int DeviceLines(ReadOnlySpan<byte> netDev, DeviceFilter filter, Range[] lines)
    {
        var count = 0;
        var start = 0;
        var lineNumber = 0;
        while (start < netDev.Length)
        {
            var length = netDev[start..].IndexOf((byte)'\n');
            length = length < 0 ? netDev.Length - start : length;
            var line = netDev.Slice(start, length);
            var colon = line.IndexOf((byte)':');
            if (++lineNumber > 2 && colon >= 0 && !filter.Ignored(line[..colon].Trim((byte)' ')))
            {
                // Insertion sort: a host has few devices.
                var at = count;
                while (at > 0 && DeviceOf(netDev[lines[at - 1]]).SequenceCompareTo(DeviceOf(line)) > 0)
                {
                    lines[at] = lines[at - 1];
                    at--;
                }

                lines[at] = new Range(start, start + length);
                count++;
            }

            start += length + 1;
        }

        return count;
    }

    private static ReadOnlySpan<byte> DeviceOf(ReadOnlySpan<byte> line) => line[..line.IndexOf((byte)':')].Trim((byte)' ');

    /// <summary>The device's rx_nohandler; 0 when the kernel has no such counter, as netlink reports it then.</summary>
    private static ulong ReadNoHandler(string classNet, ReadOnlySpan<byte> device)
    {
        var path = Path.Join(classNet, Encoding.UTF8.GetString(device), "statistics", "rx_nohandler");
        try
        {
            using var file = FileBuffer.Read(path);
            var text = file.Span;
            return Bytes.NextField(ref text, out var field) ? Bytes.ParseUInt64(field) : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static MetricFamily[] CreateFamilies()
    {
        var families = new MetricFamily[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            families[i] = new MetricFamily($"node_network_{Columns[i]}_total", $"Network device statistic {Columns[i]}.", MetricType.Counter);
        }

        return families;
    }

    private static int[] CreateOrder()
    {
        var order = new int[Columns.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, static (a, b) => string.CompareOrdinal(Columns[a], Columns[b]));
        return order;
    }
}
