using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/proc/drbd (DRBD 8): per device, its traffic, pending requests, role, disk state and connection.</summary>
internal sealed class DrbdCollector : INodeCollector
{
    /// <summary>The numeric keys, their families and the factor node_exporter scales them by (KiB to bytes, but not nr).</summary>
    private static readonly (byte[] Key, MetricFamily Family, double Factor)[] Numbers =
    [
        ("ns"u8.ToArray(), new("node_drbd_network_sent_bytes_total", "Total number of bytes sent via the network.", MetricType.Counter), 1024),
        ("nr"u8.ToArray(), new("node_drbd_network_received_bytes_total", "Total number of bytes received via the network.", MetricType.Counter), 1),
        ("dw"u8.ToArray(), new("node_drbd_disk_written_bytes_total", "Net data written on local hard disk; in bytes.", MetricType.Counter), 1024),
        ("dr"u8.ToArray(), new("node_drbd_disk_read_bytes_total", "Net data read from local hard disk; in bytes.", MetricType.Counter), 1024),
        ("al"u8.ToArray(), new("node_drbd_activitylog_writes_total", "Number of updates of the activity log area of the meta data.", MetricType.Counter), 1),
        ("bm"u8.ToArray(), new("node_drbd_bitmap_writes_total", "Number of updates of the bitmap area of the meta data.", MetricType.Counter), 1),
        ("lo"u8.ToArray(), new("node_drbd_local_pending", "Number of open requests to the local I/O sub-system.", MetricType.Gauge), 1),
        ("pe"u8.ToArray(), new("node_drbd_remote_pending", "Number of requests sent to the peer, but that have not yet been answered by the latter.", MetricType.Gauge), 1),
        ("ua"u8.ToArray(), new("node_drbd_remote_unacknowledged", "Number of requests received by the peer via the network connection, but that have not yet been answered.", MetricType.Gauge), 1),
        ("ap"u8.ToArray(), new("node_drbd_application_pending", "Number of block I/O requests forwarded to DRBD, but not yet answered by DRBD.", MetricType.Gauge), 1),
        ("ep"u8.ToArray(), new("node_drbd_epochs", "Number of Epochs currently on the fly.", MetricType.Gauge), 1),
        ("oos"u8.ToArray(), new("node_drbd_out_of_sync_bytes", "Amount of data known to be out of sync; in bytes.", MetricType.Gauge), 1024),
    ];

    /// <summary>The local/remote keys, their families and the state that counts as 1.</summary>
    private static readonly (byte[] Key, MetricFamily Family, byte[] Okay)[] Pairs =
    [
        ("ro"u8.ToArray(), new("node_drbd_node_role_is_primary", "Whether the role of the node is in the primary state.", MetricType.Gauge), "Primary"u8.ToArray()),
        ("ds"u8.ToArray(), new("node_drbd_disk_state_is_up_to_date", "Whether the disk of the node is up to date.", MetricType.Gauge), "UpToDate"u8.ToArray()),
    ];

    private static readonly MetricFamily Connected = new("node_drbd_connected", "Whether DRBD is connected to the peer.", MetricType.Gauge);

    public string Name => "drbd";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        if (!FileBuffer.TryRead(paths.Proc("drbd"), out var file, out var errno))
        {
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(paths.Proc("drbd"), errno);
        }

        using (file)
        {
            Write(file.Span, writer);
        }

        return true;
    }

    /// <summary>
    /// Each <c>key:value</c> word of the file: <c>N:</c> starts device drbdN; the families' samples are ordered by
    /// device (and node), as node_exporter lists them.
    /// </summary>
    /// <exception cref="FormatException">A numeric value is not a number, or a local/remote pair has no slash.</exception>
    public static void Write(ReadOnlySpan<byte> drbd, ExpositionWriter writer)
    {
        var samples = new List<(int Family, string Device, string Node, double Value)>();
        var device = "unknown";
        var text = drbd;
        while (Bytes.NextField(ref text, out var word))
        {
            var colon = word.IndexOf((byte)':');
            if (colon < 0 || word[(colon + 1)..].IndexOf((byte)':') >= 0)
            {
                continue;
            }

            var key = word[..colon];
            var value = word[(colon + 1)..];
            if (value.IsEmpty && key.Length > 0 && key.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                && Utf8Parser.TryParse(key, out ulong id, out var consumed) && consumed == key.Length)
            {
                device = "drbd" + id.ToString(CultureInfo.InvariantCulture);
                continue;
            }

            var handled = false;
            for (var i = 0; i < Numbers.Length && !handled; i++)
            {
                if (key.SequenceEqual(Numbers[i].Key))
                {
                    samples.Add((i, device, "", Bytes.ParseDouble(value) * Numbers[i].Factor));
                    handled = true;
                }
            }

            for (var i = 0; i < Pairs.Length && !handled; i++)
            {
                if (key.SequenceEqual(Pairs[i].Key))
                {
                    var slash = value.IndexOf((byte)'/');
                    if (slash < 0)
                    {
                        throw new FormatException($"\"{Encoding.UTF8.GetString(word)}\" has no local/remote pair");
                    }

                    var remote = value[(slash + 1)..];
                    var end = remote.IndexOf((byte)'/');
                    remote = end < 0 ? remote : remote[..end];
                    samples.Add((Numbers.Length + i, device, "local", value[..slash].SequenceEqual(Pairs[i].Okay) ? 1 : 0));
                    samples.Add((Numbers.Length + i, device, "remote", remote.SequenceEqual(Pairs[i].Okay) ? 1 : 0));
                    handled = true;
                }
            }

            if (!handled && key.SequenceEqual("cs"u8))
            {
                samples.Add((Numbers.Length + Pairs.Length, device, "", value.SequenceEqual("Connected"u8) ? 1 : 0));
            }
        }

        samples.Sort(static (a, b) =>
        {
            var order = a.Family.CompareTo(b.Family);
            if (order == 0)
            {
                order = string.CompareOrdinal(a.Device, b.Device);
            }

            return order != 0 ? order : string.CompareOrdinal(a.Node, b.Node);
        });
        foreach (var (family, device1, node, value) in samples)
        {
            var labels = node.Length == 0
                ? LabelSet.Create([new("device", device1)])
                : LabelSet.Create([new("device", device1), new("node", node)]);
            writer.WriteSample(FamilyAt(family), labels, value);
        }
    }

    private static MetricFamily FamilyAt(int index) =>
        index < Numbers.Length ? Numbers[index].Family
        : index < Numbers.Length + Pairs.Length ? Pairs[index - Numbers.Length].Family
        : Connected;
}
