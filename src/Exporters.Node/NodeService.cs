using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Exporters.Node;

/// <summary>The node exporter: node_exporter's collectors, flags and families for the host's /proc and /sys.</summary>
internal sealed class NodeService : IExporterService
{
    private const string ProcFs = "path.procfs";
    private const string SysFs = "path.sysfs";
    private const string RootFs = "path.rootfs";
    private const string UdevData = "path.udev.data";
    private const string DisableDefaults = "collector.disable-defaults";
    private const string ArpInclude = "collector.arp.device-include";
    private const string ArpExclude = "collector.arp.device-exclude";
    private const string DiskExclude = "collector.diskstats.device-exclude";
    private const string DiskInclude = "collector.diskstats.device-include";
    private const string DiskIgnored = "collector.diskstats.ignored-devices";
    private const string MountPointsExclude = "collector.filesystem.mount-points-exclude";
    private const string FsTypesExclude = "collector.filesystem.fs-types-exclude";
    private const string IgnoredMountPoints = "collector.filesystem.ignored-mount-points";
    private const string IgnoredFsTypes = "collector.filesystem.ignored-fs-types";
    private const string MountTimeout = "collector.filesystem.mount-timeout";
    private const string NetClassIgnored = "collector.netclass.ignored-devices";
    private const string NetClassInvalidSpeed = "collector.netclass.ignore-invalid-speed";
    private const string NetClassNetlink = "collector.netclass.netlink";
    private const string NetClassRtnlStats = "collector.netclass_rtnl.with-stats";
    private const string NetDevInclude = "collector.netdev.device-include";
    private const string NetDevExclude = "collector.netdev.device-exclude";
    private const string NetDevAddressInfo = "collector.netdev.address-info";
    private const string NetDevDetailed = "collector.netdev.enable-detailed-metrics";
    private const string NetDevNetlink = "collector.netdev.netlink";
    private const string NetStatFields = "collector.netstat.fields";
    private const string VmStatFields = "collector.vmstat.fields";
    private const string TextfileDirectory = "collector.textfile.directory";

    public ExporterInfo Info { get; } = new()
    {
        ProgramName = "node-exporter",
        Title = "Node Exporter",
        Description = "Exports the hardware and kernel metrics of a Linux host as Prometheus metrics, with the names of node_exporter.",
        MetricPrefix = "node_exporter",
        DefaultPort = 9100,
    };

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(new FlagDefinition(ProcFs, FlagKind.String, "procfs mountpoint.") { Default = "/proc", Placeholder = "PATH" });
        flags.Add(new FlagDefinition(SysFs, FlagKind.String, "sysfs mountpoint.") { Default = "/sys", Placeholder = "PATH" });
        flags.Add(new FlagDefinition(RootFs, FlagKind.String, "rootfs mountpoint.") { Default = "/", Placeholder = "PATH" });
        flags.Add(new FlagDefinition(UdevData, FlagKind.String, "udev data path.") { Default = CollectorOptions.DefaultUdevData, Placeholder = "PATH" });
        flags.Add(new FlagDefinition(DisableDefaults, FlagKind.Bool, "Set all collectors to disabled by default.") { Default = "false" });
        flags.Add(CollectorFlags.Pattern(ArpInclude, "Regexp of arp devices to include (mutually exclusive to device-exclude).", ""));
        flags.Add(CollectorFlags.Pattern(ArpExclude, "Regexp of arp devices to exclude (mutually exclusive to device-include).", ""));
        flags.Add(CollectorFlags.Pattern(DiskExclude, "Regexp of diskstats devices to exclude (mutually exclusive to device-include).", CollectorOptions.DefaultDiskStatsDeviceExclude));
        flags.Add(CollectorFlags.Pattern(DiskInclude, "Regexp of diskstats devices to include (mutually exclusive to device-exclude).", ""));
        flags.Add(CollectorFlags.Pattern(DiskIgnored, "DEPRECATED: Use collector.diskstats.device-exclude", ""));
        flags.Add(CollectorFlags.Pattern(MountPointsExclude, "Regexp of mount points to exclude for filesystem collector.", CollectorOptions.DefaultMountPointsExclude));
        flags.Add(CollectorFlags.Pattern(FsTypesExclude, "Regexp of filesystem types to exclude for filesystem collector.", CollectorOptions.DefaultFsTypesExclude));
        flags.Add(CollectorFlags.Pattern(IgnoredMountPoints, "DEPRECATED: Use collector.filesystem.mount-points-exclude", ""));
        flags.Add(CollectorFlags.Pattern(IgnoredFsTypes, "DEPRECATED: Use collector.filesystem.fs-types-exclude", ""));
        flags.Add(new FlagDefinition(MountTimeout, FlagKind.Duration, "how long to wait for a mount to respond before marking it as stale")
        {
            Default = "5s",
            Validate = static value => GoDuration.TryParse(value, out var timeout) && timeout > TimeSpan.Zero ? null : "must be a duration above zero, e.g. 5s",
        });
        flags.Add(CollectorFlags.Pattern(NetClassIgnored, "Regexp of net devices to ignore for netclass collector.", CollectorOptions.DefaultNetClassIgnoredDevices));
        flags.Add(new FlagDefinition(NetClassInvalidSpeed, FlagKind.Bool, "Ignore devices where the speed is invalid. This will be the default behavior in 2.x.") { Default = "false" });
        flags.Add(new FlagDefinition(NetClassNetlink, FlagKind.Bool, "Use netlink to gather stats instead of /proc/net/dev (not implemented: only false is accepted).") { Default = "false" });
        flags.Add(CollectorFlags.Bool(NetClassRtnlStats, "Expose the statistics along with the netlink attributes (needs --collector.netclass.netlink; not implemented: only false is accepted).", false));
        flags.Add(CollectorFlags.Pattern(NetDevInclude, "Regexp of net devices to include (mutually exclusive to device-exclude).", ""));
        flags.Add(CollectorFlags.Pattern(NetDevExclude, "Regexp of net devices to exclude (mutually exclusive to device-include).", CollectorOptions.DefaultNetDevDeviceExclude));
        flags.Add(new FlagDefinition(NetDevAddressInfo, FlagKind.Bool, "Collect address-info for every device") { Default = "false" });
        flags.Add(new FlagDefinition(NetDevDetailed, FlagKind.Bool, "Use (incompatible) metric names that provide more detailed stats on Linux (not implemented: only false is accepted).") { Default = "false" });
        flags.Add(new FlagDefinition(NetDevNetlink, FlagKind.Bool, "Use netlink to gather stats instead of /proc/net/dev (here: add rx_nohandler from sysfs, as netlink gives it).") { Default = "true" });
        flags.Add(CollectorFlags.Pattern(NetStatFields, "Regexp of fields to return for netstat collector.", CollectorOptions.DefaultNetStatFields));
        flags.Add(CollectorFlags.Pattern(VmStatFields, "Regexp of fields to return for vmstat collector.", CollectorOptions.DefaultVmStatFields));
        flags.Add(new FlagDefinition(TextfileDirectory, FlagKind.String, "Directory to read text files with metrics from.") { Default = CollectorOptions.DefaultTextfileDirectory, Placeholder = "PATH" });
        ExporterFlags.Define(flags);
        MissingCollectors.DefineFlags(flags);
        var collectors = CollectorRegistry.All(TimeProvider.System, CollectorOptions.Default);
        foreach (var collector in collectors)
        {
            if (collector is IConfigurableCollector configurable)
            {
                configurable.DefineFlags(flags);
            }
        }

        foreach (var collector in collectors)
        {
            flags.Add(new FlagDefinition(
                "collector." + collector.Name,
                FlagKind.Bool,
                $"Enable the {collector.Name} collector (default: {(collector.EnabledByDefault ? "enabled" : "disabled")}).")
            {
                Default = collector.EnabledByDefault ? "true" : "false",
            });
        }
    }

    public void Configure(ExporterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flags = context.Flags;
        var paths = new NodePaths(flags.GetString(ProcFs), flags.GetString(SysFs), flags.GetString(RootFs));
        var disableDefaults = flags.GetBool(DisableDefaults);
        MissingCollectors.Check(flags);
        ExporterFlags.Apply(flags, context);
        var options = Options(flags, context.Logger);
        var enabled = new List<INodeCollector>();
        foreach (var collector in CollectorRegistry.All(context.Time, options))
        {
            var flag = "collector." + collector.Name;
            var on = flags.IsExplicit(flag) ? flags.GetBool(flag) : collector.EnabledByDefault && !disableDefaults;
            if (on)
            {
                (collector as IConfigurableCollector)?.Configure(flags, context.Logger);
                enabled.Add(collector);
            }
        }

        var http = new HttpContextAccessor();
        context.Services.AddSingleton<IHttpContextAccessor>(http);
        var logger = context.Logger.ForContext<NodeCollector>();
        foreach (var collector in enabled)
        {
            logger.Information("Enabled collector {Collector}", collector.Name);
        }

        context.AddCollector(new NodeCollector(enabled, paths, http, logger));
    }

    /// <summary>The collectors' options from the flags, with node_exporter's rules for deprecated and exclusive ones.</summary>
    /// <exception cref="UsageException">Flags that exclude each other, or a feature this exporter does not have.</exception>
    public static CollectorOptions Options(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(logger);
        CollectorFlags.Unsupported(flags, NetClassNetlink, "false");
        CollectorFlags.Unsupported(flags, NetClassRtnlStats, "false");
        CollectorFlags.Unsupported(flags, NetDevDetailed, "false");
        var diskExclude = CollectorFlags.Deprecated(flags, logger, DiskIgnored, DiskExclude);
        Exclusive(flags, DiskExclude, diskExclude, DiskInclude);
        var netDevExclude = flags.GetString(NetDevExclude);
        Exclusive(flags, NetDevExclude, netDevExclude, NetDevInclude);
        return new CollectorOptions
        {
            ArpDevices = new DeviceFilter(flags.GetString(ArpExclude), flags.GetString(ArpInclude)),
            DiskStatsDevices = new DeviceFilter(diskExclude, flags.GetString(DiskInclude)),
            UdevData = flags.GetString(UdevData),
            MountPointsExclude = CollectorFlags.Deprecated(flags, logger, IgnoredMountPoints, MountPointsExclude),
            FsTypesExclude = CollectorFlags.Deprecated(flags, logger, IgnoredFsTypes, FsTypesExclude),
            MountTimeout = flags.GetDuration(MountTimeout),
            NetClassDevices = new DeviceFilter(flags.GetString(NetClassIgnored), ""),
            NetClassIgnoreInvalidSpeed = flags.GetBool(NetClassInvalidSpeed),
            NetDevDevices = new DeviceFilter(netDevExclude, flags.GetString(NetDevInclude)),
            NetDevAddressInfo = flags.GetBool(NetDevAddressInfo),
            NetDevNetlink = flags.GetBool(NetDevNetlink),
            NetStatFields = flags.GetString(NetStatFields),
            VmStatFields = flags.GetString(VmStatFields),
            TextfileDirectory = flags.GetString(TextfileDirectory),
        };
    }

    /// <summary>node_exporter's rule: an include pattern needs the exclude pattern emptied (its default counts).</summary>
    private static void Exclusive(FlagValues flags, string excludeName, string exclude, string includeName)
    {
        if (exclude.Length > 0 && flags.GetString(includeName).Length > 0)
        {
            throw new UsageException($"--{excludeName} and --{includeName} are mutually exclusive; to include devices, also set --{excludeName}=\"\"");
        }
    }
}
