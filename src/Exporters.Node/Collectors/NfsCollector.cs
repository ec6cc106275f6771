using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/rpc/nfs: the NFS client's network and RPC counters and its requests per NFS version and procedure.</summary>
internal sealed class NfsCollector : INodeCollector
{
    private static readonly MetricFamily Connections = new("node_nfs_connections_total", "Total number of NFSd TCP connections.", MetricType.Counter);
    private static readonly MetricFamily Packets = new("node_nfs_packets_total", "Total NFSd network packets (sent+received) by protocol type.", MetricType.Counter);
    private static readonly MetricFamily Requests = new("node_nfs_requests_total", "Number of NFS procedures invoked.", MetricType.Counter);
    private static readonly MetricFamily AuthRefreshes = new("node_nfs_rpc_authentication_refreshes_total", "Number of RPC authentication refreshes performed.", MetricType.Counter);
    private static readonly MetricFamily Retransmissions = new("node_nfs_rpc_retransmissions_total", "Number of RPC transmissions performed.", MetricType.Counter);
    private static readonly MetricFamily Rpcs = new("node_nfs_rpcs_total", "Total number of RPCs performed.", MetricType.Counter);
    private static readonly LabelSet Tcp = LabelSet.Create([new("protocol", "tcp")]);
    private static readonly LabelSet Udp = LabelSet.Create([new("protocol", "udp")]);

    private static readonly string[] V2 =
        ["Null", "GetAttr", "SetAttr", "Root", "Lookup", "ReadLink", "Read", "WrCache", "Write", "Create", "Remove", "Rename", "Link", "SymLink", "MkDir", "RmDir", "ReadDir", "FsStat"];

    private static readonly string[] V3 =
        ["Null", "GetAttr", "SetAttr", "Lookup", "Access", "ReadLink", "Read", "Write", "Create", "MkDir", "SymLink", "MkNod", "Remove", "RmDir", "Rename", "Link", "ReadDir", "ReadDirPlus", "FsStat", "FsInfo", "PathConf", "Commit"];

    private static readonly string[] V4 =
    [
        "Null", "Read", "Write", "Commit", "Open", "OpenConfirm", "OpenNoattr", "OpenDowngrade", "Close", "Setattr", "FsInfo", "Renew",
        "SetClientID", "SetClientIDConfirm", "Lock", "Lockt", "Locku", "Access", "Getattr", "Lookup", "LookupRoot", "Remove", "Rename",
        "Link", "Symlink", "Create", "Pathconf", "StatFs", "ReadLink", "ReadDir", "ServerCaps", "DelegReturn", "GetACL", "SetACL",
        "FsLocations", "ReleaseLockowner", "Secinfo", "FsidPresent", "ExchangeID", "CreateSession", "DestroySession", "Sequence",
        "GetLeaseTime", "ReclaimComplete", "LayoutGet", "GetDeviceInfo", "LayoutCommit", "LayoutReturn", "SecinfoNoName", "TestStateID",
        "FreeStateID", "GetDeviceList", "BindConnToSession", "DestroyClientID", "Seek", "Allocate", "DeAllocate", "LayoutStats", "Clone",
    ];

    /// <summary>Every (procedure, version) pair with where its value is, in node_exporter's sample order.</summary>
    private static readonly (LabelSet Labels, int Version, int Index)[] RequestOrder = NfsRequests.Order([V2, V3, V4], ["2", "3", "4"]);

    public string Name => "nfs";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Proc("net/rpc/nfs");
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            // No NFS client: node_exporter reports no data.
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(path, errno);
        }

        NfsClientStats stats;
        using (file)
        {
            stats = RpcStatsParser.ParseClient(file.Span);
        }

        Write(stats, writer);
        return true;
    }

    public static void Write(NfsClientStats stats, ExpositionWriter writer)
    {
        writer.WriteSample(Connections, LabelSet.Empty, stats.Net[3]);
        writer.WriteSample(Packets, Tcp, stats.Net[2]);
        writer.WriteSample(Packets, Udp, stats.Net[1]);
        ulong[][] versions = [stats.Proc2, stats.Proc3, stats.Proc4];
        foreach (var (labels, version, index) in RequestOrder)
        {
            writer.WriteSample(Requests, labels, versions[version][index]);
        }

        writer.WriteSample(AuthRefreshes, LabelSet.Empty, stats.Rpc[2]);
        writer.WriteSample(Retransmissions, LabelSet.Empty, stats.Rpc[1]);
        writer.WriteSample(Rpcs, LabelSet.Empty, stats.Rpc[0]);
    }
}
