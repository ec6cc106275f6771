using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exporters.NginxStub;

/// <summary>The nginx stub_status exporter: nginx-prometheus-exporter's flags, variables and families.</summary>
internal sealed class NginxStubService : IExporterService
{
    private const string ScrapeUri = "nginx.scrape-uri";
    private const string Timeout = "nginx.timeout";
    private const string SslVerify = "nginx.ssl-verify";
    private const string SslCaCert = "nginx.ssl-ca-cert";
    private const string SslClientCert = "nginx.ssl-client-cert";
    private const string SslClientKey = "nginx.ssl-client-key";
    private const string ConstLabel = "prometheus.const-label";
    private const string Plus = "nginx.plus";
    private const string Retries = "nginx.retries";
    private const string RetryInterval = "nginx.retry-interval";

    public ExporterInfo Info { get; } = new()
    {
        ProgramName = "nginx-stub-exporter",
        Title = "NGINX stub_status exporter",
        Description = "Exports the connection and request counters of nginx's stub_status page as Prometheus metrics, "
            + "with the names of nginx-prometheus-exporter.",
        MetricPrefix = "nginx_exporter",
        DefaultPort = 9113,
        ListenAddressVariable = "LISTEN_ADDRESS",
        TelemetryPathVariable = "TELEMETRY_PATH",
        LogLevelVariable = "LOG_LEVEL",
        LogFormatVariable = "LOG_FORMAT",
    };

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(new FlagDefinition(ScrapeUri, FlagKind.List, "A URI or unix domain socket path for scraping NGINX metrics (http://, https://, or unix:/path/to.sock:/stub_status). With several, every family carries an addr label.")
        {
            Default = "http://127.0.0.1:8080/stub_status",
            EnvironmentVariable = "SCRAPE_URI",
            ListSeparators = " \t\n,",
            Placeholder = "URI",
            Validate = value => ScrapeTarget.TryParse(value, out _, out var error) ? null : error,
        });
        flags.Add(new FlagDefinition(Timeout, FlagKind.Duration, "A timeout for scraping metrics from NGINX.")
        {
            Default = "5s",
            EnvironmentVariable = "TIMEOUT",
            Validate = value => GoDuration.TryParse(value, out var timeout) && timeout > TimeSpan.Zero ? null : "must be more than zero",
        });
        flags.Add(new FlagDefinition(SslVerify, FlagKind.Bool, "Perform SSL certificate verification.")
        {
            Default = "true",
            EnvironmentVariable = "SSL_VERIFY",
        });
        flags.Add(new FlagDefinition(SslCaCert, FlagKind.String, "Path to the PEM encoded CA certificate file used to validate the server's SSL certificate.")
        {
            EnvironmentVariable = "SSL_CA_CERT",
            Placeholder = "FILE",
        });
        flags.Add(new FlagDefinition(SslClientCert, FlagKind.String, "Path to the PEM encoded client certificate file to use when connecting to the server.")
        {
            EnvironmentVariable = "SSL_CLIENT_CERT",
            Placeholder = "FILE",
        });
        flags.Add(new FlagDefinition(SslClientKey, FlagKind.String, "Path to the PEM encoded client certificate key file to use when connecting to the server.")
        {
            EnvironmentVariable = "SSL_CLIENT_KEY",
            Placeholder = "FILE",
        });
        flags.Add(new FlagDefinition(ConstLabel, FlagKind.List, "Label that will be used in every metric, as name=value; several may be given comma-separated.")
        {
            EnvironmentVariable = "CONST_LABELS",
            Aliases = ["prometheus.const-labels"],
            ListSeparators = ",",
            Placeholder = "NAME=VALUE",
            Validate = value => ParseLabel(value, out _) is { } error ? error : null,
        });
        flags.Add(new FlagDefinition(Plus, FlagKind.Bool, "Start the exporter for NGINX Plus. Not supported: this exporter reads stub_status only.")
        {
            Default = "false",
            EnvironmentVariable = "NGINX_PLUS",
        });
        flags.Add(new FlagDefinition(Retries, FlagKind.Count, "How many times to retry reaching stub_status at start before logging that nginx is unreachable. The exporter serves either way.")
        {
            Default = "0",
            EnvironmentVariable = "NGINX_RETRIES",
        });
        flags.Add(new FlagDefinition(RetryInterval, FlagKind.Duration, "An interval between those retries at start.")
        {
            Default = "5s",
            EnvironmentVariable = "NGINX_RETRY_INTERVAL",
        });
    }

    public void Configure(ExporterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flags = context.Flags;
        if (flags.GetBool(Plus))
        {
            throw new UsageException("--nginx.plus: the NGINX Plus API is not supported; this exporter reads stub_status");
        }

        var tls = new TlsSettings(
            flags.GetBool(SslVerify),
            LoadCertificateAuthority(flags.GetString(SslCaCert)),
            LoadClientCertificate(flags.GetString(SslClientCert), flags.GetString(SslClientKey)));
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var item in flags.GetList(ConstLabel))
        {
            ParseLabel(item, out var label);
            if (labels.Exists(l => l.Key == label.Key))
            {
                throw new UsageException($"--{ConstLabel}: label \"{label.Key}\" is given twice");
            }

            labels.Add(label);
        }

        var uris = flags.GetList(ScrapeUri);
        if (uris.Count == 0)
        {
            throw new UsageException($"--{ScrapeUri}: at least one URI is needed");
        }

        var timeout = flags.GetDuration(Timeout);
        var clients = new List<StubStatusClient>();
        foreach (var uri in uris.Distinct(StringComparer.Ordinal))
        {
            ScrapeTarget.TryParse(uri, out var target, out _);
            clients.Add(new StubStatusClient(target!, timeout, tls));
        }

        if (clients.Count > 1 && labels.Exists(l => l.Key == "addr"))
        {
            throw new UsageException($"--{ConstLabel}: \"addr\" is set per URI when several are scraped");
        }

        var collector = new NginxCollector(clients, labels, context.Logger.ForContext<NginxCollector>());
        context.AddCollector(collector);
        context.Services.AddSingleton(collector);
        context.Services.AddHostedService(_ => new StartupProbe(
            clients, (int)Math.Min(flags.GetCount(Retries), 1000), flags.GetDuration(RetryInterval), context.Logger.ForContext<StartupProbe>()));
    }

    /// <summary>Parses <c>name=value</c>; returns an error message, or null.</summary>
    private static string? ParseLabel(string text, out KeyValuePair<string, string> label)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        label = default;
        if (equals <= 0)
        {
            return "must be name=value";
        }

        var name = text[..equals].Trim();
        if (!MetricNames.IsValidLabelName(name))
        {
            return $"\"{name}\" is not a valid label name";
        }

        label = new(name, text[(equals + 1)..]);
        return null;
    }

    private static X509Certificate2? LoadCertificateAuthority(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new UsageException($"--{SslCaCert}: cannot read \"{path}\": {e.Message}", e);
        }
    }

    private static X509Certificate2? LoadClientCertificate(string certificate, string key)
    {
        if (certificate.Length == 0 && key.Length == 0)
        {
            return null;
        }

        if (certificate.Length == 0 || key.Length == 0)
        {
            throw new UsageException($"--{SslClientCert} and --{SslClientKey} must be given together");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new UsageException($"--{SslClientCert}/--{SslClientKey}: cannot read \"{certificate}\" and \"{key}\": {e.Message}", e);
        }
    }
}
