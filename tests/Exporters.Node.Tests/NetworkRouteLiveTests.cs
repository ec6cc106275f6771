using Exporters.Testing;
using Xunit.Abstractions;

namespace Exporters.Node.Tests;

/// <summary>
/// The network_route collector beside Debian's node_exporter: both read the same rtnetlink dump, so on this
/// host, and in a network namespace of its own with routes of every kind this test adds, both list the same
/// routes with the same labels.
/// </summary>
public sealed class NetworkRouteLiveTests
{
    private static readonly string[] Flags = ["--collector.disable-defaults", "--collector.network_route"];

    // Two devices (veth pairs) with addresses, then: a multipath route with weights, a static route with a
    // metric (again in table 101: the same labels, left out once), a route in another table, a blackhole
    // (not unicast: left out), protocols node_exporter names and one it does not, IPv6 routes (one
    // multipath, one via a link-local gateway) and a default route.
    private const string Routes = """
        set -e
        ip link set lo up
        ip link add r0 type veth peer name r0p
        ip link add r1 type veth peer name r1p
        for l in r0 r0p r1 r1p; do ip link set $l up; done
        ip addr add 10.9.0.1/24 dev r0
        ip addr add 10.9.1.1/24 dev r1
        ip route add 10.50.0.0/16 nexthop via 10.9.0.2 weight 3 nexthop via 10.9.1.2 weight 1
        ip route add 10.60.0.0/16 via 10.9.0.2 metric 50 proto static
        ip route add 10.60.0.0/16 via 10.9.0.2 metric 50 proto static table 101
        ip route add 10.70.0.0/16 dev r1 table 100
        ip route add blackhole 10.80.0.0/16
        ip route add 10.90.0.0/16 dev r0 proto 99 src 10.9.0.1
        ip route add 10.91.0.0/16 dev r0 proto zebra
        ip route add default via 10.9.1.2 metric 5
        ip -6 addr add 2001:db8::1/64 dev r0 nodad
        ip -6 route add 2001:db8:0:0:1::/80 via 2001:db8::2 proto bird
        ip -6 route add 2001:db8:0:0:2::/80 dev r1 metric 7 proto 99
        ip -6 route add 2001:db8:5::/48 nexthop via 2001:db8::2 dev r0 weight 2 nexthop via fe80::1 dev r1
        """;

    private readonly ITestOutputHelper _output;

    public NetworkRouteLiveTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Routes_of_this_host_are_node_exporters()
    {
        using var go = await DebianNodeExporter.StartAsync(Flags);
        using var ours = await NodeExporter.StartAsync(Flags);
        var theirs = await go.ScrapeAsync();
        var mine = await ours.ScrapeAsync();
        AssertSameRoutes(theirs, mine);
    }

    [Fact]
    public async Task Routes_of_a_namespace_with_every_kind_of_route_are_node_exporters()
    {
        var ns = $"exporters-route-{Environment.ProcessId}";
        var (added, _, error) = await ChildProcess.RunAsync("ip", ["netns", "add", ns]);
        Assert.True(added == 0, $"ip netns add {ns}: {error}");
        try
        {
            var (set, _, setError) = await ChildProcess.RunAsync("ip", ["netns", "exec", ns, "sh", "-c", Routes]);
            Assert.True(set == 0, "setting up the routes: " + setError);
            var goPort = FreePort.Next();
            var ourPort = FreePort.Next();
            using var go = ChildProcess.Start("ip", ["netns", "exec", ns, DebianNodeExporter.Path, $"--web.listen-address=127.0.0.1:{goPort}", .. Flags]);
            using var ours = ChildProcess.Start("ip", ["netns", "exec", ns, "dotnet", NodeExporter.Dll, $"--web.listen-address=127.0.0.1:{ourPort}", .. Flags]);
            var theirs = await ScrapeInAsync(ns, goPort, go);
            var mine = await ScrapeInAsync(ns, ourPort, ours);
            _output.WriteLine(mine.Text);
            AssertSameRoutes(theirs, mine);
            Assert.Equal(2, mine.Find("node_network_route_info", ("dest", "10.50.0.0/16")).Count());
            Assert.Single(mine.Find("node_network_route_info", ("dest", "10.60.0.0/16")));
            Assert.Empty(mine.Find("node_network_route_info", ("dest", "10.80.0.0/16")));
        }
        finally
        {
            _ = await ChildProcess.RunAsync("ip", ["netns", "del", ns]);
        }
    }

    private static void AssertSameRoutes(MetricsPage theirs, MetricsPage mine)
    {
        Assert.Equal(1, mine.Value("node_scrape_collector_success", ("collector", "network_route")));
        foreach (var family in new[] { "node_network_route_info", "node_network_routes" })
        {
            Assert.Equal(theirs.Families[family], mine.Families[family]);
            Assert.Equal(Samples(theirs, family), Samples(mine, family));
        }
    }

    /// <summary>The family's samples in page order, each with its labels by name.</summary>
    private static List<string> Samples(MetricsPage page, string family) =>
        [.. page.Find(family).Select(s => string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + " " + s.Value)];

    /// <summary>The page of an exporter inside the namespace, fetched from inside it (its 127.0.0.1 is not this one).</summary>
    private static async Task<MetricsPage> ScrapeInAsync(string ns, int port, ChildProcess exporter)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (exit, page, _) = await ChildProcess.RunAsync("ip", ["netns", "exec", ns, "curl", "-sf", $"http://127.0.0.1:{port}/metrics"]);
            if (exit == 0)
            {
                return MetricsPage.Parse(page);
            }

            Assert.True(attempt < 100 && !exporter.HasExited, $"no page from 127.0.0.1:{port} in {ns}: {exporter.StandardError}");
            await Task.Delay(100);
        }
    }
}
