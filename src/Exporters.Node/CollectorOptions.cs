namespace Exporters.Node;

/// <summary>The collectors' own flags (--collector.&lt;name&gt;.*), with node_exporter's defaults.</summary>
internal sealed class CollectorOptions
{
    public const string DefaultMountPointsExclude = "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

    public const string DefaultFsTypesExclude =
        "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$";

    public const string DefaultVmStatFields = "^(oom_kill|pgpg|pswp|pg.*fault).*";

    public const string DefaultNetStatFields =
        "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

    public const string DefaultTextfileDirectory = "/var/lib/prometheus/node-exporter";

    public static CollectorOptions Default { get; } = new();

    public string MountPointsExclude { get; init; } = DefaultMountPointsExclude;

    public string FsTypesExclude { get; init; } = DefaultFsTypesExclude;

    public string VmStatFields { get; init; } = DefaultVmStatFields;

    public string NetStatFields { get; init; } = DefaultNetStatFields;

    public string TextfileDirectory { get; init; } = DefaultTextfileDirectory;
}
