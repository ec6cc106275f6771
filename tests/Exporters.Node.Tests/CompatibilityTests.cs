using Exporters.Testing;
using Xunit.Abstractions;

namespace Exporters.Node.Tests;

/// <summary>
/// The Debian node_exporter and this service side by side on this host with the same collectors: the
/// families both emit have the same TYPE, HELP and label names, and stable values agree.
/// </summary>
public sealed class CompatibilityTests
{
    private const string GoExporter = "/usr/bin/prometheus-node-exporter";
    private static readonly string[] Collectors = ["arp", "cgroups", "conntrack", "cpu", "diskstats", "entropy", "filefd", "filesystem", "hwmon", "lnstat", "loadavg", "meminfo", "netclass", "netdev", "netstat", "network_route", "os", "pressure", "schedstat", "selinux", "sockstat", "softnet", "stat", "tcpstat", "textfile", "thermal_zone", "time", "timex", "udp_queues", "uname", "vmstat"];
    private readonly ITestOutputHelper _output;

    public CompatibilityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Families_match_the_debian_node_exporter()
    {
        Assert.True(File.Exists(GoExporter), "prometheus-node-exporter is not installed");
        var flags = new List<string> { "--collector.disable-defaults" };
        flags.AddRange(Collectors.Select(c => "--collector." + c));
        var port = FreePort.Next();
        using var go = ChildProcess.Start(GoExporter, flags.Prepend($"--web.listen-address=127.0.0.1:{port}"));
        using var ours = await NodeExporter.StartAsync([.. flags]);
        var theirs = await ScrapeGoAsync(port);
        var mine = await ours.ScrapeAsync();

        var missing = new List<string>();
        foreach (var (name, family) in theirs.Families)
        {
            // The suite's build info carries dotnet_version instead of Go's labels; go_*, process_* and promhttp_* are the runtimes' own.
            if (!name.StartsWith("node_", StringComparison.Ordinal) || name == "node_exporter_build_info")
            {
                continue;
            }

            if (!mine.Families.TryGetValue(name, out var our))
            {
                missing.Add(name);
                continue;
            }

            Assert.Equal(family.Type, our.Type);
            Assert.Equal(family.Help, our.Help);
            var theirLabels = LabelNames(theirs, name);
            var ourLabels = LabelNames(mine, name);
            Assert.True(theirLabels.SetEquals(ourLabels), $"{name}: labels {string.Join(",", theirLabels)} vs {string.Join(",", ourLabels)}");
        }

        _output.WriteLine("Families of node_exporter this service lacks: " + (missing.Count == 0 ? "none" : string.Join(", ", missing)));
        Assert.Equal(theirs.Value("node_memory_MemTotal_bytes"), mine.Value("node_memory_MemTotal_bytes"));
        Assert.Equal(theirs.Value("node_boot_time_seconds"), mine.Value("node_boot_time_seconds"));
        Assert.Equal(theirs.Find("node_cpu_seconds_total", ("mode", "idle")).Count(), mine.Find("node_cpu_seconds_total", ("mode", "idle")).Count());
        Assert.Equal(theirs.Value("node_filefd_maximum"), mine.Value("node_filefd_maximum"));
        Assert.Equal(theirs.Value("node_selinux_enabled"), mine.Value("node_selinux_enabled"));
        Assert.Equal(theirs.Value("node_filesystem_size_bytes", ("mountpoint", "/")), mine.Value("node_filesystem_size_bytes", ("mountpoint", "/")));
        Assert.Equal(theirs.Find("node_network_up").Select(s => (s.Labels["device"], s.Value)), mine.Find("node_network_up").Select(s => (s.Labels["device"], s.Value)));
        Assert.Equal(theirs.Value("node_network_mtu_bytes", ("device", "lo")), mine.Value("node_network_mtu_bytes", ("device", "lo")));
        Assert.Equal(
            theirs.Find("node_filesystem_device_error").Select(s => s.Labels["mountpoint"]).Order(),
            mine.Find("node_filesystem_device_error").Select(s => s.Labels["mountpoint"]).Order());
    }

    private static HashSet<string> LabelNames(MetricsPage page, string family) =>
        page.Samples.Where(s => s.Name == family).SelectMany(s => s.Labels.Keys).ToHashSet();

    private static async Task<MetricsPage> ScrapeGoAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return MetricsPage.Parse(await ExporterProcess.Client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
