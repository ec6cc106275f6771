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
    private const string DisableDefaults = "collector.disable-defaults";
    private const string MountPointsExclude = "collector.filesystem.mount-points-exclude";
    private const string FsTypesExclude = "collector.filesystem.fs-types-exclude";
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
        flags.Add(new FlagDefinition(DisableDefaults, FlagKind.Bool, "Set all collectors to disabled by default.") { Default = "false" });
        flags.Add(new FlagDefinition(MountPointsExclude, FlagKind.String, "Regexp of mount points to exclude for filesystem collector.") { Default = CollectorOptions.DefaultMountPointsExclude });
        flags.Add(new FlagDefinition(FsTypesExclude, FlagKind.String, "Regexp of filesystem types to exclude for filesystem collector.") { Default = CollectorOptions.DefaultFsTypesExclude });
        flags.Add(new FlagDefinition(NetStatFields, FlagKind.String, "Regexp of fields to return for netstat collector.") { Default = CollectorOptions.DefaultNetStatFields });
        flags.Add(new FlagDefinition(VmStatFields, FlagKind.String, "Regexp of fields to return for vmstat collector.") { Default = CollectorOptions.DefaultVmStatFields });
        flags.Add(new FlagDefinition(TextfileDirectory, FlagKind.String, "Directory to read text files with metrics from.") { Default = CollectorOptions.DefaultTextfileDirectory, Placeholder = "PATH" });
        foreach (var collector in CollectorRegistry.All(TimeProvider.System, CollectorOptions.Default))
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
        var enabled = new List<INodeCollector>();
        var options = new CollectorOptions
        {
            MountPointsExclude = flags.GetString(MountPointsExclude),
            FsTypesExclude = flags.GetString(FsTypesExclude),
            NetStatFields = flags.GetString(NetStatFields),
            VmStatFields = flags.GetString(VmStatFields),
            TextfileDirectory = flags.GetString(TextfileDirectory),
        };
        foreach (var collector in CollectorRegistry.All(context.Time, options))
        {
            var flag = "collector." + collector.Name;
            var on = flags.IsExplicit(flag) ? flags.GetBool(flag) : collector.EnabledByDefault && !disableDefaults;
            if (on)
            {
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
}
