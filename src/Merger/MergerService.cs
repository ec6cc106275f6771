using System.Globalization;
using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Exporters.Merger.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Exporters.Merger;

/// <summary>The merger: exporter-merger's flags and variables, one page from several exporters.</summary>
internal sealed class MergerService : IExporterService
{
    public const string Url = "url";
    public const string ListenPort = "listen-port";
    public const string ExportersTimeout = "exporters-timeout";
    public const string Verbose = "verbose";
    public const string ConfigPath = "config-path";

    public ExporterInfo Info { get; } = new()
    {
        ProgramName = "merger",
        Title = "Exporter merger",
        Description = "Fetches the pages of several Prometheus exporters on every scrape and serves them as one valid page, "
            + "with the health of each; a drop-in for exporter-merger.",
        MetricPrefix = "merger",
        DefaultPort = 8080,
    };

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(new FlagDefinition(Url, FlagKind.List, "URL of an exporter's metrics page to merge; several may be given space-separated. "
            + "With dns+ (dns+http://app:9100/metrics) the host is resolved on each scrape and every address is a replica: counted in merger_replica_up when it answers, "
            + "its metrics page (if it serves one) merged with an instance label.")
        {
            EnvironmentVariable = "MERGER_URLS",
            ListSeparators = " \t\n",
            Placeholder = "URL",
            Validate = UpstreamConfig.Check,
        });
        flags.Add(new FlagDefinition(ListenPort, FlagKind.Count, "Port to listen on, on every interface; --web.listen-address takes precedence.")
        {
            Default = "8080",
            EnvironmentVariable = "MERGER_PORT",
            Validate = value => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
                ? null
                : "must be a port from 1 to 65535",
        });
        flags.Add(new FlagDefinition(ExportersTimeout, FlagKind.Count, "How many seconds an exporter may take to answer.")
        {
            Default = "10",
            EnvironmentVariable = "MERGER_EXPORTERSTIMEOUT",
            Validate = value => value.Trim('0').Length > 0 ? null : "must be more than zero",
        });
        flags.Add(new FlagDefinition(Verbose, FlagKind.Bool, "Log at debug level (as --log.level=debug).")
        {
            Default = "false",
            EnvironmentVariable = "MERGER_VERBOSE",
        });
        flags.Add(new FlagDefinition(ConfigPath, FlagKind.String, "YAML file listing exporters: exporters: [{url, name, labels, timeout}].")
        {
            EnvironmentVariable = "MERGER_CONFIGPATH",
            Placeholder = "FILE",
        });
    }

    public void Configure(ExporterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flags = context.Flags;
        var timeout = TimeSpan.FromSeconds(Math.Min(flags.GetCount(ExportersTimeout), 3600));
        var upstreams = UpstreamConfig.Load(flags.GetList(Url), flags.GetString(ConfigPath), timeout);
        var http = new HttpContextAccessor();
        context.Services.AddSingleton<IHttpContextAccessor>(http);
        var fetcher = new UpstreamFetcher(context.Time);
        context.Services.AddSingleton(fetcher);
        var logger = context.Logger.ForContext<MergeCollector>();
        context.AddCollector(new MergeCollector(upstreams, fetcher, new ReplicaResolver(SystemHostResolver.Instance, context.Time), http, logger));
        context.WritesProcessFamilies = true;
        foreach (var upstream in upstreams)
        {
            logger.Information("Merging {Upstream} from {Url}, timeout {Timeout}", upstream.Name, upstream.Url, GoDuration.Format(upstream.Timeout));
        }
    }
}
