using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/self/mountstats: per NFS mount (export, transport protocol and server address from mountinfo), its
/// age, byte and event counters, RPC transport and per-operation statistics. Off by default.
/// </summary>
internal sealed class MountStatsCollector : INodeCollector
{
    private const string Prefix = "node_mountstats_nfs_";

    // Counters past 2^53 wrap there, as node_exporter does for the ones a float64 would round.
    private const ulong Mantissa = 1UL << 53;

    private static readonly MetricFamily Age = Counter("age_seconds_total", "The age of the NFS mount in seconds.");

    private static readonly (MetricFamily Family, int Index)[] ByteFamilies =
    [
        (Counter("direct_read_bytes_total", "Number of bytes read using the read() syscall in O_DIRECT mode."), 2),
        (Counter("direct_write_bytes_total", "Number of bytes written using the write() syscall in O_DIRECT mode."), 3),
        (Counter("read_bytes_total", "Number of bytes read using the read() syscall."), 0),
        (Counter("read_pages_total", "Number of pages read directly via mmap()'d files."), 6),
        (Counter("total_read_bytes_total", "Number of bytes read from the NFS server, in total."), 4),
        (Counter("total_write_bytes_total", "Number of bytes written to the NFS server, in total."), 5),
        (Counter("write_bytes_total", "Number of bytes written using the write() syscall."), 1),
        (Counter("write_pages_total", "Number of pages written directly via mmap()'d files."), 7),
    ];

    private static readonly (MetricFamily Family, int Index)[] EventFamilies =
    [
        (Counter("event_attribute_invalidate_total", "Number of times cached inode attributes are invalidated."), 3),
        (Counter("event_data_invalidate_total", "Number of times an inode cache is cleared."), 2),
        (Counter("event_dnode_revalidate_total", "Number of times cached dentry nodes are re-validated from the server."), 1),
        (Counter("event_inode_revalidate_total", "Number of times cached inode attributes are re-validated from the server."), 0),
        (Counter("event_jukebox_delay_total", "Number of times the NFS server indicated EJUKEBOX; retrieving data from offline storage."), 24),
        (Counter("event_pnfs_read_total", "Number of NFS v4.1+ pNFS reads."), 25),
        (Counter("event_pnfs_write_total", "Number of NFS v4.1+ pNFS writes."), 26),
        (Counter("event_short_read_total", "Number of times the NFS server gave less data than expected while reading."), 22),
        (Counter("event_short_write_total", "Number of times the NFS server wrote less data than expected while writing."), 23),
        (Counter("event_silly_rename_total", "Number of times a file was removed while still open by another process."), 21),
        (Counter("event_truncation_total", "Number of times files have been truncated."), 19),
        (Counter("event_vfs_access_total", "Number of times permissions have been checked."), 6),
        (Counter("event_vfs_file_release_total", "Number of times files have been closed and released."), 17),
        (Counter("event_vfs_flush_total", "Number of pending writes that have been forcefully flushed to the server."), 14),
        (Counter("event_vfs_fsync_total", "Number of times fsync() has been called on directories and files."), 15),
        (Counter("event_vfs_getdents_total", "Number of times directory entries have been read with getdents()."), 12),
        (Counter("event_vfs_lock_total", "Number of times locking has been attempted on a file."), 16),
        (Counter("event_vfs_lookup_total", "Number of times a directory lookup has occurred."), 5),
        (Counter("event_vfs_open_total", "Number of times cached inode attributes are invalidated."), 4),
        (Counter("event_vfs_read_page_total", "Number of pages read directly via mmap()'d files."), 8),
        (Counter("event_vfs_read_pages_total", "Number of times a group of pages have been read."), 9),
        (Counter("event_vfs_setattr_total", "Number of times directory entries have been read with getdents()."), 13),
        (Counter("event_vfs_update_page_total", "Number of updates (and potential writes) to pages."), 7),
        (Counter("event_vfs_write_page_total", "Number of pages written directly via mmap()'d files."), 10),
        (Counter("event_vfs_write_pages_total", "Number of times a group of pages have been written."), 11),
        (Counter("event_write_extension_total", "Number of times a file has been grown due to writes beyond its existing end."), 20),
    ];

    // Times are milliseconds, written in seconds.
    private static readonly (MetricFamily Family, int Index, bool Milliseconds)[] OperationFamilies =
    [
        (Counter("operations_major_timeouts_total", "Number of times a request has had a major timeout for a given operation."), 2, false),
        (Counter("operations_queue_time_seconds_total", "Duration all requests spent queued for transmission for a given operation before they were sent, in seconds."), 5, true),
        (Counter("operations_received_bytes_total", "Number of bytes received for a given operation, including RPC headers and payload."), 4, false),
        (Counter("operations_request_time_seconds_total", "Duration all requests took from when a request was enqueued to when it was completely handled for a given operation, in seconds."), 7, true),
        (Counter("operations_requests_total", "Number of requests performed for a given operation."), 0, false),
        (Counter("operations_response_time_seconds_total", "Duration all requests took to get a reply back after a request for a given operation was transmitted, in seconds."), 6, true),
        (Counter("operations_sent_bytes_total", "Number of bytes sent for a given operation, including RPC headers and payload."), 3, false),
        (Counter("operations_transmissions_total", "Number of times an actual RPC request has been transmitted for a given operation."), 1, false),
    ];

    // Indexes into the tcp layout of the xprt line; the idle time wraps at 2^53.
    private static readonly (MetricFamily Family, int Index)[] TransportFamilies =
    [
        (Counter("transport_backlog_queue_total", "Total number of items added to the RPC backlog queue."), 9),
        (Counter("transport_bad_transaction_ids_total", "Number of times the NFS server sent a response with a transaction ID unknown to this client."), 7),
        (Counter("transport_bind_total", "Number of times the client has had to establish a connection from scratch to the NFS server."), 1),
        (Counter("transport_connect_total", "Number of times the client has made a TCP connection to the NFS server."), 2),
        (new(Prefix + "transport_idle_time_seconds", "Duration since the NFS mount last saw any RPC traffic, in seconds.", MetricType.Gauge), 4),
        (new(Prefix + "transport_maximum_rpc_slots", "Maximum number of simultaneously active RPC requests ever used.", MetricType.Gauge), 10),
        (Counter("transport_pending_queue_total", "Total number of items added to the RPC transmission pending queue."), 12),
        (Counter("transport_receives_total", "Number of RPC responses for this mount received from the NFS server."), 6),
        (Counter("transport_sending_queue_total", "Total number of items added to the RPC transmission sending queue."), 11),
        (Counter("transport_sends_total", "Number of RPC requests for this mount sent to the NFS server."), 5),
    ];

    public string Name => "mountstats";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        List<NfsMountStats> stats;
        using (var file = FileBuffer.Read(paths.Proc("self/mountstats")))
        {
            stats = MountStatsParser.Parse(file.Span, out _);
        }

        List<string> addresses;
        using (var file = FileBuffer.Read(paths.Proc("self/mountinfo")))
        {
            addresses = MountStatsParser.MountAddresses(file.Span);
        }

        Write(Mounts(stats, addresses), writer);
        return true;
    }

    /// <summary>
    /// Each NFS mount with its labels, once per export, protocol and server address (the first of them), in
    /// node_exporter's sample order: by export, then address, then protocol.
    /// </summary>
    public static List<(NfsMountStats Stats, string Address)> Mounts(List<NfsMountStats> stats, List<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(addresses);
        var mounts = new List<(NfsMountStats Stats, string Address)>(stats.Count);
        var seen = new HashSet<(string, string, string)>();
        foreach (var s in stats)
        {
            var address = s.Index < addresses.Count ? addresses[s.Index] : "";
            if (seen.Add((s.Export, s.Protocol, address)))
            {
                mounts.Add((s, address));
            }
        }

        mounts.Sort(static (a, b) => Compare(a.Stats.Export, a.Address, "", a.Stats.Protocol, b.Stats.Export, b.Address, "", b.Stats.Protocol));
        return mounts;
    }

    public static void Write(List<(NfsMountStats Stats, string Address)> mounts, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(writer);
        var labels = new LabelSet[mounts.Count];
        for (var i = 0; i < mounts.Count; i++)
        {
            labels[i] = LabelSet.Create([new("export", mounts[i].Stats.Export), new("mountaddr", mounts[i].Address), new("protocol", mounts[i].Stats.Protocol)]);
        }

        for (var i = 0; i < mounts.Count; i++)
        {
            writer.WriteSample(Age, labels[i], mounts[i].Stats.AgeSeconds);
        }

        foreach (var (family, index) in ByteFamilies)
        {
            for (var i = 0; i < mounts.Count; i++)
            {
                writer.WriteSample(family, labels[i], mounts[i].Stats.Bytes[index]);
            }
        }

        foreach (var (family, index) in EventFamilies)
        {
            for (var i = 0; i < mounts.Count; i++)
            {
                writer.WriteSample(family, labels[i], mounts[i].Stats.Events[index]);
            }
        }

        var operations = Operations(mounts);
        foreach (var (family, index, milliseconds) in OperationFamilies)
        {
            foreach (var (mount, operation, set) in operations)
            {
                var value = operation.Values[index];
                writer.WriteSample(family, set, milliseconds ? value % Mantissa / 1000.0 : value);
            }
        }

        foreach (var (family, index) in TransportFamilies)
        {
            for (var i = 0; i < mounts.Count; i++)
            {
                var value = mounts[i].Stats.Transport[index];
                writer.WriteSample(family, labels[i], index == 4 ? value % Mantissa : value);
            }
        }
    }

    /// <summary>Every mount's operations with their labels, by export, address, operation and protocol; an operation a mount repeats is kept once.</summary>
    private static List<(int Mount, NfsOperationStats Operation, LabelSet Labels)> Operations(List<(NfsMountStats Stats, string Address)> mounts)
    {
        var operations = new List<(int Mount, NfsOperationStats Operation, LabelSet Labels)>();
        for (var i = 0; i < mounts.Count; i++)
        {
            var (stats, address) = mounts[i];
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in stats.Operations)
            {
                if (names.Add(operation.Operation))
                {
                    var set = LabelSet.Create(
                        [new("export", stats.Export), new("mountaddr", address), new("operation", operation.Operation), new("protocol", stats.Protocol)]);
                    operations.Add((i, operation, set));
                }
            }
        }

        operations.Sort((a, b) =>
        {
            var (sa, aa) = mounts[a.Mount];
            var (sb, ab) = mounts[b.Mount];
            return Compare(sa.Export, aa, a.Operation.Operation, sa.Protocol, sb.Export, ab, b.Operation.Operation, sb.Protocol);
        });
        return operations;
    }

    private static int Compare(string exportA, string addressA, string operationA, string protocolA, string exportB, string addressB, string operationB, string protocolB)
    {
        var c = string.CompareOrdinal(exportA, exportB);
        if (c == 0)
        {
            c = string.CompareOrdinal(addressA, addressB);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(operationA, operationB);
        }

        return c != 0 ? c : string.CompareOrdinal(protocolA, protocolB);
    }

    private static MetricFamily Counter(string name, string help) => new(Prefix + name, help, MetricType.Counter);
}
