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

    public const string DefaultDiskStatsDeviceExclude = @"^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$";

    public const string DefaultUdevData = "/run/udev/data";

    public const string DefaultNetDevDeviceExclude = "^lo$";

    public const string DefaultNetClassIgnoredDevices = "^$";

    public static CollectorOptions Default { get; } = new();

    public string MountPointsExclude { get; init; } = DefaultMountPointsExclude;

    public string FsTypesExclude { get; init; } = DefaultFsTypesExclude;

    /// <summary>How long a statvfs may take before its mount is marked stuck (--collector.filesystem.mount-timeout).</summary>
    public TimeSpan MountTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public string VmStatFields { get; init; } = DefaultVmStatFields;

    public string NetStatFields { get; init; } = DefaultNetStatFields;

    public string TextfileDirectory { get; init; } = DefaultTextfileDirectory;

    public DeviceFilter ArpDevices { get; init; } = DeviceFilter.None;

    public DeviceFilter DiskStatsDevices { get; init; } = new(DefaultDiskStatsDeviceExclude, "");

    /// <summary>Where udev keeps its device database (--path.udev.data), for the labels of node_disk_info.</summary>
    public string UdevData { get; init; } = DefaultUdevData;

    public DeviceFilter NetDevDevices { get; init; } = new(DefaultNetDevDeviceExclude, "");

    /// <summary>Whether netdev writes node_network_address_info (--collector.netdev.address-info).</summary>
    public bool NetDevAddressInfo { get; init; }

    /// <summary>Whether netdev gives the counters netlink gives beyond /proc/net/dev (--collector.netdev.netlink).</summary>
    public bool NetDevNetlink { get; init; } = true;

    public DeviceFilter NetClassDevices { get; init; } = new(DefaultNetClassIgnoredDevices, "");

    /// <summary>Whether netclass leaves out a negative link speed (--collector.netclass.ignore-invalid-speed).</summary>
    public bool NetClassIgnoreInvalidSpeed { get; init; }
}
