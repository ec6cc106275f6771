using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/arp: how many ARP entries each device has.</summary>
internal sealed class ArpCollector : INodeCollector
{
    private const int DeviceColumn = 5;
    private const int MaxDevices = 256;
    private static readonly MetricFamily Entries = new("node_arp_entries", "ARP entries by device", MetricType.Gauge);
    private static readonly LabelCache Devices = new("device");
    private readonly DeviceFilter _filter;

    /// <param name="options">--collector.arp.device-include and device-exclude.</param>
    public ArpCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _filter = options.ArpDevices;
    }

    public string Name => "arp";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("net/arp"));
        Write(file.Span, writer, _filter);
        return true;
    }

    /// <summary>A header, then one entry a line with the device in the sixth column; devices in name order.</summary>
    public static void Write(ReadOnlySpan<byte> arp, ExpositionWriter writer, DeviceFilter? filter = null)
    {
        filter ??= DeviceFilter.None;
        // Each device as offset and length into the file, with its count; few devices, so a linear search.
        Span<int> starts = stackalloc int[MaxDevices];
        Span<int> lengths = stackalloc int[MaxDevices];
        Span<int> counts = stackalloc int[MaxDevices];
        var devices = 0;
        var text = arp;
        var first = true;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (first)
            {
                first = false;
                continue;
            }

            if (!Bytes.Column(line, DeviceColumn, out var device) || filter.Ignored(device))
            {
                continue;
            }

            var start = OffsetIn(arp, device);
            var found = false;
            for (var i = 0; i < devices; i++)
            {
                if (arp.Slice(starts[i], lengths[i]).SequenceEqual(device))
                {
                    counts[i]++;
                    found = true;
                    break;
                }
            }

            if (!found && devices < MaxDevices)
            {
                starts[devices] = start;
                lengths[devices] = device.Length;
                counts[devices] = 1;
                devices++;
            }
        }

        var written = 0;
        while (written < devices)
        {
            // The smallest name not yet written.
            var next = -1;
            for (var i = 0; i < devices; i++)
            {
                if (counts[i] > 0 && (next < 0 || arp.Slice(starts[i], lengths[i]).SequenceCompareTo(arp.Slice(starts[next], lengths[next])) < 0))
                {
                    next = i;
                }
            }

            writer.WriteSample(Entries, Devices.Get(arp.Slice(starts[next], lengths[next])), counts[next]);
            counts[next] = 0;
            written++;
        }
    }

    private static int OffsetIn(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(whole), ref MemoryMarshal.GetReference(part));
}
