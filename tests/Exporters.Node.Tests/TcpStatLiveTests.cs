using System.Net;
using System.Net.Sockets;
using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>
/// The tcpstat collector beside Debian's node_exporter on this host: both count the sockets of a netlink
/// sock_diag dump, so with sockets this test opens and holds on the loopback both see them, with the same
/// family, HELP, TYPE and labels, and counts that agree within what other processes of the host change
/// between the scrapes.
/// </summary>
public sealed class TcpStatLiveTests
{
    private const int Sockets = 24;
    private const double Tolerance = 8;

    [Fact]
    public async Task Counts_agree_with_node_exporter_over_sockets_held_open()
    {
        using var held = HeldSockets.Open(Sockets, IPAddress.Loopback, IPAddress.IPv6Loopback);
        string[] flags = ["--collector.disable-defaults", "--collector.tcpstat"];
        using var go = await DebianNodeExporter.StartAsync(flags);
        using var ours = await NodeExporter.StartAsync(flags);
        var before = await go.ScrapeAsync();
        var mine = await ours.ScrapeAsync();
        var after = await go.ScrapeAsync();

        Assert.Equal(before.Families["node_tcp_connection_states"], mine.Families["node_tcp_connection_states"]);
        Assert.Equal(1, mine.Value("node_scrape_collector_success", ("collector", "tcpstat")));
        var ipv6 = held.Ipv6 ? 2 : 1;
        AssertAgree(before, mine, after, "listen", Sockets * ipv6);
        AssertAgree(before, mine, after, "established", 2 * Sockets * ipv6);

        // Every state the sockets are in is a label both list; states that come and go (time_wait) may differ.
        foreach (var state in new[] { "listen", "established", "rx_queued_bytes", "tx_queued_bytes" })
        {
            Assert.Single(mine.Find("node_tcp_connection_states", ("state", state)));
        }
    }

    [Fact]
    public async Task Without_proc_net_tcp6_only_ipv4_sockets_are_counted_as_by_node_exporter()
    {
        using var held = HeldSockets.Open(Sockets, IPAddress.Loopback, IPAddress.IPv6Loopback);
        var procfs = Directory.CreateTempSubdirectory("tcpstat-procfs-");
        try
        {
            string[] flags = ["--collector.disable-defaults", "--collector.tcpstat", "--path.procfs=" + procfs.FullName];
            using var go = await DebianNodeExporter.StartAsync(flags);
            using var ours = await NodeExporter.StartAsync(flags);
            using var full = await NodeExporter.StartAsync("--collector.disable-defaults", "--collector.tcpstat");
            var before = await go.ScrapeAsync();
            var mine = await ours.ScrapeAsync();
            var all = await full.ScrapeAsync();
            var after = await go.ScrapeAsync();

            AssertAgree(before, mine, after, "listen", Sockets);
            AssertAgree(before, mine, after, "established", 2 * Sockets);
            Assert.True(
                !held.Ipv6 || all.Value("node_tcp_connection_states", ("state", "listen")) - mine.Value("node_tcp_connection_states", ("state", "listen")) >= Sockets - Tolerance,
                "the IPv6 listeners are left out without /proc/net/tcp6");
        }
        finally
        {
            procfs.Delete(recursive: true);
        }
    }

    private static void AssertAgree(MetricsPage before, MetricsPage mine, MetricsPage after, string state, int atLeast)
    {
        var theirs1 = before.Value("node_tcp_connection_states", ("state", state));
        var theirs2 = after.Value("node_tcp_connection_states", ("state", state));
        var ours = mine.Value("node_tcp_connection_states", ("state", state));
        Assert.True(ours >= atLeast, $"{state}: {ours} counted, at least {atLeast} held open");
        Assert.True(
            ours >= Math.Min(theirs1, theirs2) - Tolerance && ours <= Math.Max(theirs1, theirs2) + Tolerance,
            $"{state}: {ours} counted here, node_exporter {theirs1} before and {theirs2} after");
    }

    /// <summary>Listeners and connected pairs on loopback addresses, closed on dispose.</summary>
    private sealed class HeldSockets : IDisposable
    {
        private readonly List<IDisposable> _all = [];

        public bool Ipv6 { get; private set; }

        public static HeldSockets Open(int count, IPAddress v4, IPAddress v6)
        {
            var held = new HeldSockets();
            try
            {
                held.OpenOn(v4, count);
                if (Socket.OSSupportsIPv6)
                {
                    try
                    {
                        held.OpenOn(v6, count);
                        held.Ipv6 = true;
                    }
                    catch (SocketException)
                    {
                    }
                }
            }
            catch
            {
                held.Dispose();
                throw;
            }

            return held;
        }

        public void Dispose()
        {
            foreach (var socket in _all)
            {
                socket.Dispose();
            }
        }

        // count listeners, each with one accepted connection: count listening and 2 * count established sockets.
        private void OpenOn(IPAddress address, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _all.Add(listener);
                listener.Bind(new IPEndPoint(address, 0));
                listener.Listen(8);
                var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _all.Add(client);
                client.Connect(listener.LocalEndPoint!);
                _all.Add(listener.Accept());
            }
        }
    }
}
