using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Metrics;
using Exporters.NginxLog.Syslog;
using Exporters.NginxLog.Tailing;
using Microsoft.Extensions.DependencyInjection;

namespace Exporters.NginxLog;

/// <summary>The nginx access-log exporter: prometheus-nginxlog-exporter's configuration and families.</summary>
internal sealed class NginxLogService : IExporterService
{
    private const string ConfigFile = "config.file";
    private const string FormatFlag = "format";
    private const string NamespaceFlag = "namespace";
    private const string ListenPort = "listen-port";
    private const string MetricsEndpoint = "metrics-endpoint";
    private const string VerifyConfig = "verify-config";

    /// <summary>The variables with a meaning; a JSON-lines namespace reads these keys (and those its relabels name).</summary>
    private static readonly string[] KnownVariables =
    [
        "request", "request_method", "status", "body_bytes_sent", "bytes_sent", "request_length",
        "request_time", "upstream_response_time", "upstream_connect_time", "upstream_header_time",
    ];

    public ExporterInfo Info { get; } = new()
    {
        ProgramName = "nginxlog-exporter",
        Title = "NGINX access-log exporter",
        Description = "Follows nginx access logs and exports request counts, sizes and latencies as Prometheus metrics, "
            + "with the names of prometheus-nginxlog-exporter. Give a YAML file with --config.file, or --format and the log files.",
        MetricPrefix = "nginxlog_exporter",
        DefaultPort = 9114,
    };

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.ArgumentsName = "log-file";
        flags.Add(new FlagDefinition(ConfigFile, FlagKind.String, "YAML configuration file (the format of prometheus-nginxlog-exporter).")
        {
            Aliases = ["config-file"],
            Placeholder = "FILE",
        });
        flags.Add(new FlagDefinition(FormatFlag, FlagKind.String, "Without a configuration file: the nginx log_format of the log files given as arguments.")
        {
            Placeholder = "LOG_FORMAT",
        });
        flags.Add(new FlagDefinition(NamespaceFlag, FlagKind.String, "Without a configuration file: the namespace, which prefixes every metric name.")
        {
            Default = "nginx",
            Placeholder = "NAME",
        });
        flags.Add(new FlagDefinition(VerifyConfig, FlagKind.Bool, "Load the configuration as a start would, print \"configuration OK\" and exit 0, or print the first problem and exit 2."));
        flags.Add(new FlagDefinition(ListenPort, FlagKind.Count, "The Go exporter's port flag: listen on :PORT unless --web.listen-address is given.")
        {
            Placeholder = "PORT",
            Validate = value => int.TryParse(value, out var port) && port is > 0 and <= 65535 ? null : "must be a port from 1 to 65535",
        });
        flags.Add(new FlagDefinition(MetricsEndpoint, FlagKind.String, "The Go exporter's metrics path flag, used unless --web.telemetry-path is given.")
        {
            Placeholder = "PATH",
        });
    }

    public void Configure(ExporterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flags = context.Flags;
        NginxLogConfig config;
        var fileDefaults = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var configFile = flags.GetString(ConfigFile);
        if (configFile.Length > 0)
        {
            if (flags.Arguments.Count > 0 || flags.GetString(FormatFlag).Length > 0)
            {
                throw new UsageException($"--{ConfigFile} takes the format and files from the file; give no --{FormatFlag} or log files with it");
            }

            var loaded = ConfigLoader.LoadFile(configFile);
            config = loaded.Config;
            foreach (var (name, value) in loaded.FlagDefaults)
            {
                fileDefaults[name] = value;
            }
        }
        else if (flags.GetString(FormatFlag).Length > 0)
        {
            if (flags.Arguments.Count == 0)
            {
                throw new UsageException($"--{FormatFlag} needs at least one log file as an argument");
            }

            config = ConfigLoader.FromQuickMode(flags.GetString(FormatFlag), flags.GetString(NamespaceFlag), flags.Arguments);
        }
        else
        {
            throw new UsageException($"give --{ConfigFile}, or --{FormatFlag} and the log files to follow");
        }

        // The Go exporter's own flags beat its configuration file's listen settings.
        if (flags.IsExplicit(ListenPort))
        {
            fileDefaults[CommonFlags.ListenAddress] = [$":{flags.GetCount(ListenPort)}"];
        }

        if (flags.IsExplicit(MetricsEndpoint))
        {
            fileDefaults[CommonFlags.TelemetryPath] = [flags.GetString(MetricsEndpoint)];
        }

        context.ApplyConfigFile(fileDefaults, configFile.Length > 0 ? configFile : "command line");
        AddNamespaces(context, config);
        if (flags.GetBool(VerifyConfig))
        {
            context.VerifiedMessage = "configuration OK";
        }
    }

    private static void AddNamespaces(ExporterContext context, NginxLogConfig config)
    {
        var source = config.FileName ?? "command line";
        var tailers = new List<(string Namespace, LogTailer Tailer)>();
        var groups = new Dictionary<string, List<(NamespaceSchema Schema, SeriesStore Store)>>(StringComparer.Ordinal);
        var order = new List<List<(NamespaceSchema Schema, SeriesStore Store)>>();
        var receivers = new List<(string Namespace, SyslogReceiver Receiver)>();
        var listeners = new List<ISyslogListener>();
        foreach (var ns in config.Namespaces)
        {
            var schema = new NamespaceSchema(ns, CreateMatcher(ns, source), source);
            var logger = context.Logger.ForContext("Namespace", ns.Name);
            if (!groups.TryGetValue(ns.MetricsPrefix, out var group))
            {
                groups[ns.MetricsPrefix] = group = [];
                order.Add(group);
            }

            SharedPrefix.Check([.. group.Select(m => m.Schema), schema], source);
            var share = SeriesStore.PageBytes / config.Namespaces.Count;
            var store = new SeriesStore(schema, ns.Style == MetricsStyle.NginxlogExporter ? context.Registry : null, logger, share);
            group.Add((schema, store));
            var recorder = new NamespaceRecorder(schema, store, context.Time, logger);
            var options = new TailOptions
            {
                Files = ns.Source.Files,
                StartAt = ns.Source.StartAt,
                PositionFile = ns.Source.PositionFile,
                MaxLineBytes = ns.MaxLineBytes,
            };
            if (ns.Source.Files.Count > 0)
            {
                tailers.Add((ns.Name, new LogTailer(options, recorder, logger.ForContext<LogTailer>(), context.Time)));
            }

            if (ns.Source.Syslog is { } syslog)
            {
                var receiver = new SyslogReceiver(syslog, recorder, ns.MaxLineBytes);
                receivers.Add((ns.Name, receiver));
                var syslogLogger = logger.ForContext("ListenAddress", syslog.ListenAddress);
                listeners.Add(syslog.Transport == SyslogTransport.Tcp
                    ? new StreamListener(receiver, ns.MaxLineBytes, syslogLogger)
                    : new DatagramListener(receiver, ns.MaxLineBytes, syslogLogger));
            }
        }

        foreach (var group in order)
        {
            context.AddCollector(new NamespaceCollector(group, context.Time));
        }

        context.AddCollector(new TailerCollector(tailers));
        context.Services.AddHostedService(_ => new TailerService([.. tailers.Select(t => t.Tailer)]));
        if (listeners.Count > 0)
        {
            context.AddCollector(new SyslogCollector(receivers));
            context.Services.AddHostedService(_ => new SyslogService(listeners));
        }
    }

    private static ILineMatcher CreateMatcher(NamespaceConfig ns, string source)
    {
        if (ns.Parser == ParserKind.Json)
        {
            var wanted = KnownVariables.Concat(ns.Relabels.Select(r => r.From)).Distinct(StringComparer.Ordinal).ToList();
            return new JsonLineMatcher(wanted);
        }

        try
        {
            return new CompiledFormat(LogFormat.Parse(ns.Format));
        }
        catch (LogFormatException e)
        {
            throw new UsageException($"{source}: namespace \"{ns.Name}\": format: {e.Message}", e);
        }
    }
}
