using System.IO.Compression;
using System.Net.Sockets;
using System.Reflection;
using Exporters.Core.Configuration;
using Exporters.Core.Logging;
using Exporters.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Exporters.Core.Hosting;

/// <summary>
/// Runs a service: parses flags and environment, sets up logging, Kestrel, <c>/</c>, <c>/healthz</c> and
/// the metrics path, and stops gracefully on SIGTERM or Ctrl-C.
/// </summary>
public static class ExporterHost
{
    /// <summary>How long in-flight scrapes may take to finish once a stop is asked for.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(1500);

    /// <param name="args">The command line.</param>
    /// <param name="service">What the service adds to the host.</param>
    /// <param name="stop">Stops the service as SIGTERM does; for hosting it inside another program.</param>
    /// <returns>
    /// 0 after a clean stop (or a configuration check that passed), 2 for a usage error, 1 when the service could
    /// not start (a <see cref="ServiceStartException"/> from a hosted service is written as one line). With
    /// <c>--healthcheck</c>: 0 when the running service answered /healthz with 200, 1 otherwise.
    /// </returns>
    public static async Task<int> RunAsync(string[] args, IExporterService service, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var info = service.Info;
        var flags = new FlagSet(info.ProgramName);
        CommonFlags.Add(flags, info);
        service.DefineFlags(flags);
        var build = BuildInfo.FromAssembly(Assembly.GetEntryAssembly() ?? service.GetType().Assembly);

        FlagValues values;
        try
        {
            var parsed = flags.Parse(args, Environment.GetEnvironmentVariable);
            if (parsed.HelpRequested)
            {
                await Console.Out.WriteAsync(flags.Usage(info.Description)).ConfigureAwait(false);
                return 0;
            }

            if (parsed.VersionRequested)
            {
                await Console.Out.WriteLineAsync($"{info.ProgramName} {build}").ConfigureAwait(false);
                return 0;
            }

            values = parsed.Values!;
        }
        catch (UsageException e)
        {
            return await UsageErrorAsync(info, e).ConfigureAwait(false);
        }

        // A probe reads the same flags and files as the service it checks, so that it finds the same
        // address; it logs only errors, and any failure is "unhealthy" (1), as container runtimes expect.
        var probe = values.GetBool(CommonFlags.HealthCheck);
        var failed = probe ? 1 : 2;
        using var logger = LogSetup.Create(probe ? "error" : values.GetString(CommonFlags.LogLevel), values.GetString(CommonFlags.LogFormat));
        var options = new WebApplicationOptions { ApplicationName = info.ProgramName, ContentRootPath = AppContext.BaseDirectory };
        var builder = WebApplication.CreateEmptyBuilder(options);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var context = new ExporterContext(values, logger, registry, builder.Services, TimeProvider.System);
        try
        {
            service.Configure(context);
        }
        catch (UsageException e)
        {
            return await UsageErrorAsync(info, e, failed).ConfigureAwait(false);
        }

        values = context.Flags;
        WebConfig? web = null;
        try
        {
            if (values.GetString(CommonFlags.WebConfigFile) is { Length: > 0 } webConfigFile)
            {
                web = WebConfig.Load(webConfigFile);
            }
        }
        catch (UsageException e)
        {
            return await UsageErrorAsync(info, e, failed).ConfigureAwait(false);
        }

        var listen = ParseListenAddress(values);
        if (context.VerifiedMessage is { } verified && !probe)
        {
            await Console.Out.WriteLineAsync(verified).ConfigureAwait(false);
            return 0;
        }

        if (probe)
        {
            return await HealthProbe.RunAsync(listen, web, Console.Out).ConfigureAwait(false);
        }

        var telemetryPath = values.GetString(CommonFlags.TelemetryPath);
        List<IScrapeCollector> collectors = [.. context.Collectors];
        if (!context.WritesProcessFamilies && context.ExporterMetrics)
        {
            collectors.Add(new ProcessCollector());
        }

        collectors.Add(new BuildInfoCollector(info.MetricPrefix, info.ProgramName, build));

        // Scrape handlers never block, so socket completions may run them inline instead of handing each
        // step to another thread: that halves the CPU a scrape costs on a small machine.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            listen.Apply(kestrel, web?.Certificate is null ? null : options => WebTls.Use(options, web));
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSerilog(logger);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["text/plain", "application/openmetrics-text"];
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);

        await using var app = builder.Build();
        using var authentication = web is { Users.Count: > 0 } ? new BasicAuthentication(web.Users) : null;
        if (authentication is not null)
        {
            app.Use(authentication.InvokeAsync);
        }

        app.UseResponseCompression();
        var landing = LandingPage.Render(info, telemetryPath, build.Version);
        var endpoint = new MetricsEndpoint(collectors, context.RegistryUsed ? registry : null, logger, context.MaxConcurrentScrapes);
        // Plain request delegates: no per-endpoint code generation, less start-up time and memory. HEAD
        // runs the same handler as GET, as Go's net/http does: Kestrel sends the headers and drops the body.
        app.MapMethods("/", GetAndHead, http => WriteAsync(http, "text/html; charset=utf-8", landing));
        app.MapMethods("/healthz", GetAndHead, http => WriteAsync(http, "text/plain; charset=utf-8", HealthyBody));
        app.MapMethods(telemetryPath, GetAndHead, endpoint.HandleAsync);

        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (ServiceStartException e)
        {
            await Console.Error.WriteLineAsync($"{info.ProgramName}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            logger.Error("Cannot listen on {Address}: {Reason}", listen.Text, e.Message);
            return 1;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.Information(
            "Listening on {Address} (telemetry path {TelemetryPath}); {Program} {Version} revision {Revision}",
            string.Join(' ', addresses), telemetryPath, info.ProgramName, build.Version, build.Revision);
        await app.WaitForShutdownAsync(stop).ConfigureAwait(false);
        logger.Information("Stopped");
        return 0;
    }

    private static byte[] HealthyBody { get; } = "ok\n"u8.ToArray();

    private static string[] GetAndHead { get; } = [HttpMethods.Get, HttpMethods.Head];

    private static Task WriteAsync(HttpContext http, string contentType, byte[] body)
    {
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    private static ListenAddress ParseListenAddress(FlagValues values)
    {
        ListenAddress.TryParse(values.GetString(CommonFlags.ListenAddress), out var listen, out _);
        return listen!;
    }

    private static async Task<int> UsageErrorAsync(ExporterInfo info, UsageException e, int exitCode = 2)
    {
        await Console.Error.WriteLineAsync($"{info.ProgramName}: {e.Message} (see --help)").ConfigureAwait(false);
        return exitCode;
    }
}
