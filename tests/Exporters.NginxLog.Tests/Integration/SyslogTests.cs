using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>A real nginx logs over syslog (UDP and a unix socket) to the exporter; bad input never stops it.</summary>
public sealed class SyslogTests
{
    [Fact]
    public async Task Nginx_over_udp_and_a_unix_socket_counts_per_method_and_status_what_was_sent()
    {
        using var dir = new TempDirectory();
        var udpPort = FreePort.Next();
        var socketPath = dir.File("syslog.sock");
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: udp
                format: "{{LogExporter.WorkerFormat}}"
                source: {syslog: {listen_address: "udp://127.0.0.1:{{udpPort}}", format: rfc3164, tags: [nginx] } }
              - name: unix
                format: "{{LogExporter.WorkerFormat}}"
                source: {syslog: {listen_address: "unix://{{socketPath}}", format: auto, tags: [nginx] } }
            """);
        using var exporter = await LogExporter.StartAsync($"--config.file={config}");
        using var nginx = await NginxServer.StartAsync($$"""
                    access_log syslog:server=127.0.0.1:{{udpPort}},tag=nginx worker;
                    access_log syslog:server=unix:{{socketPath}},tag=nginx worker;
                    location = /created { return 201 "created\n"; }
                    location = /missing { return 404; }
            """);
        var plan = new (HttpMethod Method, string Path, string Status, int Count)[]
        {
            (HttpMethod.Get, "/ok", "200", 12), (HttpMethod.Post, "/created", "201", 5), (HttpMethod.Get, "/missing", "404", 3),
        };

        // A unix datagram socket queues only net.unix.max_dgram_qlen (10 by default) messages, and nginx drops
        // what does not fit: each request waits until both listeners have counted its line.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var requestsBefore = await StubStatusRequestsAsync(client, nginx);
        var sent = 0;
        MetricsPage? page = null;
        foreach (var (method, path, _, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                using var request = new HttpRequestMessage(method, new Uri(nginx.BaseUri, path));
                using var response = await client.SendAsync(request);
                sent++;
                await LogExporter.ScrapeUntilTotalAsync(exporter, "udp_http_response_count_total", sent);
                page = await LogExporter.ScrapeUntilTotalAsync(exporter, "unix_http_response_count_total", sent);
            }
        }

        // nginx's own count: every request since the first stub_status read, the second read included.
        var nginxDelta = await StubStatusRequestsAsync(client, nginx) - requestsBefore - 1;
        Assert.Equal(sent, nginxDelta);
        Assert.NotNull(page);
        foreach (var ns in new[] { "udp", "unix" })
        {
            Assert.Equal(nginxDelta, page.Find($"{ns}_http_response_count_total").Sum(s => s.Value));
            foreach (var (method, _, status, count) in plan)
            {
                Assert.Equal(count, page.Value($"{ns}_http_response_count_total", ("method", method.Method), ("status", status)));
            }

            Assert.Equal(0, page.Value($"{ns}_parse_errors_total"));
            Assert.Equal(0, page.Value("nginxlog_exporter_syslog_messages_malformed_total", ("namespace", ns)));
        }

        await Promtool.CheckMetricsAsync(page.Text);
    }

    [Fact]
    public async Task Bad_datagrams_are_counted_and_a_flood_never_stops_the_exporter()
    {
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: web
                format: "$request_method $status"
                max_line_bytes: 1024
                source: {syslog: {listen_address: "udp://127.0.0.1:{{port}}", tags: [nginx] } }
            """);
        using var exporter = await LogExporter.StartAsync($"--config.file={config}");
        using var udp = new UdpClient();
        udp.Connect(IPAddress.Loopback, port);
        async Task SendAsync(byte[] datagram) => await udp.SendAsync(datagram);

        await SendAsync("garbage"u8.ToArray());
        await SendAsync([]);
        await SendAsync([.. "<13>Jan  1 00:00:00 h nginx: GET 200 "u8, 0xff, 0xfe]);
        await SendAsync(Encoding.UTF8.GetBytes("<13>Jan  1 00:00:00 h nginx: GET 200 " + new string('x', 5000)));
        await SendAsync("<13>Jan  1 00:00:00 h apache: GET 200"u8.ToArray());
        await SendAsync("<13>Jan  1 00:00:00 h nginx: not a line"u8.ToArray());
        await SendAsync("<13>Jan  1 00:00:00 h nginx: POST 201"u8.ToArray());
        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 1);
        Assert.Equal(1, page.Value("web_http_response_count_total", ("method", "POST"), ("status", "201")));
        Assert.Equal(1, page.Value("web_parse_errors_total"));
        Assert.Equal(3, page.Value("nginxlog_exporter_syslog_messages_malformed_total"));
        Assert.Equal(1, page.Value("nginxlog_exporter_syslog_messages_dropped_total", ("reason", "tag")));
        Assert.Equal(1, page.Value("nginxlog_exporter_syslog_messages_dropped_total", ("reason", "oversize")));

        // A flood far beyond the socket buffer while the exporter is stopped (SIGSTOP): the kernel drops what
        // does not fit and reports how many with the next datagram received, so every line is either counted
        // or counted as dropped.
        var line = "<13>Jan  1 00:00:00 h nginx: GET 200"u8.ToArray();
        const int Flood = 200_000;
        await SignalAsync(exporter, "STOP");
        try
        {
            for (var i = 0; i < Flood; i++)
            {
                udp.Send(line);
            }
        }
        finally
        {
            await SignalAsync(exporter, "CONT");
        }

        // A marker is sent until one is counted: it carries the kernel's count of drops. Then every datagram
        // sent is either received or counted as dropped.
        var markersSent = 0;
        await ScrapeUntilAsync(
            exporter,
            async () =>
            {
                markersSent++;
                await SendAsync("<13>Jan  1 00:00:00 h nginx: DELETE 204"u8.ToArray());
            },
            p => p.Find("web_http_response_count_total", ("method", "DELETE")).Any());
        static double BufferFull(MetricsPage p) => p.Value("nginxlog_exporter_syslog_messages_dropped_total", ("reason", "buffer_full"));
        var after = await ScrapeUntilAsync(
            exporter,
            () => Task.CompletedTask,
            p => p.Value("nginxlog_exporter_syslog_messages_received_total") + BufferFull(p) == 7 + Flood + markersSent);
        var got = after.Value("web_http_response_count_total", ("method", "GET"), ("status", "200"));
        var markers = after.Value("web_http_response_count_total", ("method", "DELETE"), ("status", "204"));
        Assert.InRange(got, 1, Flood - 1);
        Assert.InRange(BufferFull(after), 1, Flood + markersSent);
        Assert.Equal(7 + got + markers, after.Value("nginxlog_exporter_syslog_messages_received_total"));
        Assert.False(exporter.Process.HasExited);
    }

    [Fact]
    public async Task A_listen_address_in_use_stops_the_start_with_one_line()
    {
        using var dir = new TempDirectory();
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: web
                format: "$status"
                source: {syslog: {listen_address: "udp://127.0.0.1:{{port}}"} }
            """);

        var (exit, _, stderr) = await ExporterProcess.RunToEndAsync(LogExporter.Dll, [$"--config.file={config}", $"--web.listen-address=127.0.0.1:{FreePort.Next()}"]);

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"nginxlog-exporter: syslog listener udp://127.0.0.1:{port}: ", line, StringComparison.Ordinal);
    }

    /// <summary>The "requests" figure of nginx's stub_status page (its third line: accepts handled requests).</summary>
    private static async Task<long> StubStatusRequestsAsync(HttpClient client, NginxServer nginx)
    {
        var text = await client.GetStringAsync(new Uri(nginx.StubStatusUri));
        var counts = text.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(counts[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task SignalAsync(ExporterProcess exporter, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {exporter.Process.Id}");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<MetricsPage> ScrapeUntilAsync(ExporterProcess exporter, Func<Task> before, Func<MetricsPage, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await before();
            var page = await exporter.ScrapeAsync();
            if (done(page) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(page));
                return page;
            }

            await Task.Delay(100);
        }
    }
}
