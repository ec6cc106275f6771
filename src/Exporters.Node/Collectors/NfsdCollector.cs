using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/rpc/nfsd: the NFS server's caches, I/O, threads, network and RPC counters and requests per version and operation.</summary>
internal sealed class NfsdCollector : INodeCollector
{
    private static readonly MetricFamily Connections = new("node_nfsd_connections_total", "Total number of NFSd TCP connections.", MetricType.Counter);
    private static readonly MetricFamily BytesRead = new("node_nfsd_disk_bytes_read_total", "Total NFSd bytes read.", MetricType.Counter);
    private static readonly MetricFamily BytesWritten = new("node_nfsd_disk_bytes_written_total", "Total NFSd bytes written.", MetricType.Counter);
    private static readonly MetricFamily StaleHandles = new("node_nfsd_file_handles_stale_total", "Total number of NFSd stale file handles", MetricType.Counter);
    private static readonly MetricFamily Packets = new("node_nfsd_packets_total", "Total NFSd network packets (sent+received) by protocol type.", MetricType.Counter);
    private static readonly MetricFamily ReadAheadNotFound = new("node_nfsd_read_ahead_cache_not_found_total", "Total number of NFSd read ahead cache not found.", MetricType.Counter);
    private static readonly MetricFamily ReadAheadSize = new("node_nfsd_read_ahead_cache_size_blocks", "How large the read ahead cache is in blocks.", MetricType.Gauge);
    private static readonly MetricFamily ReplyHits = new("node_nfsd_reply_cache_hits_total", "Total number of NFSd Reply Cache hits (client lost server response).", MetricType.Counter);
    private static readonly MetricFamily ReplyMisses = new("node_nfsd_reply_cache_misses_total", "Total number of NFSd Reply Cache an operation that requires caching (idempotent).", MetricType.Counter);
    private static readonly MetricFamily ReplyNoCache = new("node_nfsd_reply_cache_nocache_total", "Total number of NFSd Reply Cache non-idempotent operations (rename/delete/…).", MetricType.Counter);
    private static readonly MetricFamily Requests = new("node_nfsd_requests_total", "Total number NFSd Requests by method and protocol.", MetricType.Counter);
    private static readonly MetricFamily RpcErrors = new("node_nfsd_rpc_errors_total", "Total number of NFSd RPC errors by error type.", MetricType.Counter);
    private static readonly MetricFamily Rpcs = new("node_nfsd_server_rpcs_total", "Total number of NFSd RPCs.", MetricType.Counter);
    private static readonly MetricFamily Threads = new("node_nfsd_server_threads", "Total number of NFSd kernel threads that are running.", MetricType.Gauge);
    private static readonly LabelSet Tcp = LabelSet.Create([new("proto", "tcp")]);
    private static readonly LabelSet Udp = LabelSet.Create([new("proto", "udp")]);
    private static readonly LabelSet Auth = LabelSet.Create([new("error", "auth")]);
    private static readonly LabelSet CInt = LabelSet.Create([new("error", "cInt")]);
    private static readonly LabelSet Fmt = LabelSet.Create([new("error", "fmt")]);

    // The server's exported procedures: Null is not among them.
    private static readonly string?[] V2 =
        [null, "GetAttr", "SetAttr", "Root", "Lookup", "ReadLink", "Read", "WrCache", "Write", "Create", "Remove", "Rename", "Link", "SymLink", "MkDir", "RmDir", "ReadDir", "FsStat"];

    private static readonly string?[] V3 =
        [null, "GetAttr", "SetAttr", "Lookup", "Access", "ReadLink", "Read", "Write", "Create", "MkDir", "SymLink", "MkNod", "Remove", "RmDir", "Rename", "Link", "ReadDir", "ReadDirPlus", "FsStat", "FsInfo", "PathConf", "Commit"];

    // NFSv4 operations from operation 0, as node_exporter 1.5 maps them.
    private static readonly string?[] V4Ops =
    [
        null, null, null, "Access", "Close", "Commit", "Create", "DelegPurge", "DelegReturn", "GetAttr", "GetFH", "Link", "Lock", "Lockt",
        "Locku", "Lookup", "LookupRoot", "Nverify", "Open", "OpenAttr", "OpenConfirm", "OpenDgrd", "PutFH", null, null, "Read", "ReadDir",
        "ReadLink", "Remove", "Rename", "Renew", "RestoreFH", "SaveFH", "SecInfo", "SetAttr", "Verify", "Write", "RelLockOwner",
    ];

    private static readonly (LabelSet Labels, int Version, int Index)[] RequestOrder = NfsRequests.Order([V2, V3, V4Ops], ["2", "3", "4"]);

    public string Name => "nfsd";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Proc("net/rpc/nfsd");
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            // No NFS server: node_exporter reports no data.
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(path, errno);
        }

        NfsdStats stats;
        using (file)
        {
            stats = RpcStatsParser.ParseServer(file.Span);
        }

        Write(stats, writer);
        return true;
    }

    public static void Write(NfsdStats stats, ExpositionWriter writer)
    {
        writer.WriteSample(Connections, LabelSet.Empty, stats.Net[3]);
        writer.WriteSample(BytesRead, LabelSet.Empty, stats.InputOutput[0]);
        writer.WriteSample(BytesWritten, LabelSet.Empty, stats.InputOutput[1]);
        writer.WriteSample(StaleHandles, LabelSet.Empty, stats.FileHandles[0]);
        writer.WriteSample(Packets, Tcp, stats.Net[2]);
        writer.WriteSample(Packets, Udp, stats.Net[1]);
        writer.WriteSample(ReadAheadNotFound, LabelSet.Empty, stats.ReadAhead[11]);
        writer.WriteSample(ReadAheadSize, LabelSet.Empty, stats.ReadAhead[0]);
        writer.WriteSample(ReplyHits, LabelSet.Empty, stats.ReplyCache[0]);
        writer.WriteSample(ReplyMisses, LabelSet.Empty, stats.ReplyCache[1]);
        writer.WriteSample(ReplyNoCache, LabelSet.Empty, stats.ReplyCache[2]);
        ulong[][] versions = [stats.Proc2, stats.Proc3, stats.Proc4Ops];
        foreach (var (labels, version, index) in RequestOrder)
        {
            writer.WriteSample(Requests, labels, versions[version][index]);
        }

        writer.WriteSample(RpcErrors, Auth, stats.Rpc[3]);
        writer.WriteSample(RpcErrors, CInt, stats.Rpc[4]);
        writer.WriteSample(RpcErrors, Fmt, stats.Rpc[2]);
        writer.WriteSample(Rpcs, LabelSet.Empty, stats.Rpc[0]);
        writer.WriteSample(Threads, LabelSet.Empty, stats.Threads[0]);
    }
}
