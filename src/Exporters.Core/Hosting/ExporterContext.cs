using Exporters.Core.Configuration;
using Exporters.Core.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Exporters.Core.Hosting;

/// <summary>What a service is given to set itself up: its flag values, a logger and where metrics go.</summary>
public sealed class ExporterContext
{
    private readonly List<IScrapeCollector> _collectors = [];
    private readonly CollectorRegistry _registry;

    internal ExporterContext(FlagValues flags, Serilog.ILogger logger, CollectorRegistry registry, IServiceCollection services, TimeProvider time)
    {
        Flags = flags;
        Logger = logger;
        _registry = registry;
        Services = services;
        Time = time;
    }

    /// <summary>The flag values; after <see cref="ApplyConfigFile"/>, with the file's values where no flag or variable was given.</summary>
    public FlagValues Flags { get; private set; }

    public Serilog.ILogger Logger { get; }

    /// <summary>
    /// prometheus-net's registry, for the service's own counters, gauges and histograms. Its families
    /// follow the scrape collectors' on the page; a service that never asks for it pays nothing for it.
    /// </summary>
    public CollectorRegistry Registry
    {
        get
        {
            RegistryUsed = true;
            return _registry;
        }
    }

    internal bool RegistryUsed { get; private set; }

    /// <summary>The host's services, e.g. for background workers (AddHostedService).</summary>
    public IServiceCollection Services { get; }

    public TimeProvider Time { get; }

    internal IReadOnlyList<IScrapeCollector> Collectors => _collectors;

    /// <summary>
    /// Takes common settings (such as web.listen-address) from the service's configuration file: each
    /// applies only where neither the command line nor the environment set that flag.
    /// </summary>
    /// <exception cref="UsageException">A setting names no flag or holds a bad value.</exception>
    public void ApplyConfigFile(IReadOnlyDictionary<string, IReadOnlyList<string>> values, string fileName) =>
        Flags = Flags.WithConfigFile(values, fileName);

    /// <summary>
    /// True when the service writes the process_* families itself (among others of those names), so the host
    /// adds no collector of its own for them.
    /// </summary>
    public bool WritesProcessFamilies { get; set; }

    /// <summary>False leaves the exporter's own process_* families off the page (node_exporter's --web.disable-exporter-metrics).</summary>
    public bool ExporterMetrics { get; set; } = true;

    /// <summary>
    /// How many scrapes may run at once; one more is answered 503 (node_exporter's --web.max-requests).
    /// 0, the default, sets no limit.
    /// </summary>
    public int MaxConcurrentScrapes { get; set; }

    /// <summary>
    /// When the service sets it, the host loads everything a start would load (the web configuration file too),
    /// then writes this line on standard output and exits 0 without serving: a configuration check.
    /// </summary>
    public string? VerifiedMessage { get; set; }

    /// <summary>Adds a collector that runs on every scrape, in the order added.</summary>
    public void AddCollector(IScrapeCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        _collectors.Add(collector);
    }
}
