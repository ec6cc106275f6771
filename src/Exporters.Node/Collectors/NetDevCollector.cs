using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/dev: every device's receive and transmit counters.</summary>
internal sealed class NetDevCollector : INodeCollector
{
    // The 16 columns of /proc/net/dev, in file order; node_exporter lists the families by name.
    private static readonly string[] Columns =
    [
        "receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
        "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed",
    ];

    private static readonly MetricFamily[] Families = CreateFamilies();
    private static readonly int[] Order = CreateOrder();
    private static readonly LabelCache Devices = new("device");

    public string Name => "netdev";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("net/dev"));
        Write(file.Span, writer);
    }

    /// <summary>Writes one family per column, each with every device, so a family's samples stay together.</summary>
    public static void Write(ReadOnlySpan<byte> netDev, ExpositionWriter writer)
    {
        foreach (var column in Order)
        {
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
                var rest = line[(colon + 1)..];
                ulong value = 0;
                for (var i = 0; i <= column; i++)
                {
                    value = Bytes.NextUInt64(ref rest);
                }

                writer.WriteSample(Families[column], Devices.Get(device), value);
            }
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
