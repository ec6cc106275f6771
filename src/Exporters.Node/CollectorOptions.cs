namespace Exporters.Node;

/// <summary>The collectors' own flags (--collector.&lt;name&gt;.*), with node_exporter's defaults.</summary>
internal sealed class CollectorOptions
{
    public const string DefaultMountPointsExclude = "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

    public const string DefaultFsTypesExclude =
        "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$";

    public static CollectorOptions Default { get; } = new();

    public string MountPointsExclude { get; init; } = DefaultMountPointsExclude;

    public string FsTypesExclude { get; init; } = DefaultFsTypesExclude;
}
