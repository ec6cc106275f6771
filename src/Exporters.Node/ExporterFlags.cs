using Exporters.Core.Configuration;
using Exporters.Core.Hosting;

namespace Exporters.Node;

/// <summary>
/// node_exporter 1.5's flags about the exporter itself rather than a collector: --web.disable-exporter-metrics,
/// --web.max-requests, --web.systemd-socket and --runtime.gomaxprocs.
/// </summary>
internal static class ExporterFlags
{
    private const string DisableExporterMetrics = "web.disable-exporter-metrics";
    private const string MaxRequests = "web.max-requests";
    private const string SystemdSocket = "web.systemd-socket";
    private const string GoMaxProcs = "runtime.gomaxprocs";

    public static void Define(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Bool(DisableExporterMetrics, "Exclude metrics about the exporter itself (process_*).", false));
        flags.Add(new FlagDefinition(MaxRequests, FlagKind.String, "Maximum number of parallel scrape requests. Use 0 to disable.")
        {
            Default = "40",
            Validate = static value => int.TryParse(value, out var count) && count >= 0 ? null : "must be a whole number, 0 or more",
        });
        flags.Add(CollectorFlags.Bool(SystemdSocket, "Use systemd socket activation listeners instead of port listeners (not supported: only false is accepted).", false));
        flags.Add(new FlagDefinition(GoMaxProcs, FlagKind.String, "The target number of CPUs Go will run on (GOMAXPROCS); a Go runtime setting, accepted and without effect here.")
        {
            Default = "1",
            Validate = static value => int.TryParse(value, out var count) && count >= 0 ? null : "must be a whole number",
        });
    }

    /// <exception cref="UsageException">Socket activation is asked for.</exception>
    public static void Apply(FlagValues flags, ExporterContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(context);
        CollectorFlags.Unsupported(flags, SystemdSocket, "false");
        context.ExporterMetrics = !flags.GetBool(DisableExporterMetrics);
        context.MaxConcurrentScrapes = int.Parse(flags.GetString(MaxRequests), System.Globalization.CultureInfo.InvariantCulture);
    }
}
