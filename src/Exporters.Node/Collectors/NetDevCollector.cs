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

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("net/dev"));
        if (_addressInfo)
        {
            NetworkAddressInfo.Write(writer);
        }

        Write(file.Span, writer, _filter, _netlink ? paths.Sys("class/net") : null);
    }

    /// <summary>
    /// Writes one family per column, each with every device the filter lets through, so a family's samples
    /// stay together; receive_nohandler only with <paramref name="classNet"/>, where it is read from.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> netDev, ExpositionWriter writer, DeviceFilter? filter = null, string? classNet = null)
    {
        filter ??= DeviceFilter.None;
        foreach (var column in Order)
        {
            if (column == NoHandler && classNet is null)
            {
                continue;
            }

            var text = netDev;
            var lineNumber = 0;
            while (Bytes.NextLine(ref text, out var line))
            {
                if (++lineNumber <= 2)
                {
                    continue;
                }

                var colon = line.IndexOf((byte)':');
                if (colon < 0)
                {
                    continue;
                }

                var device = line[..colon].Trim((byte)' ');
                if (filter.Ignored(device))
                {
                    continue;
                }

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
