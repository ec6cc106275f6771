using System.Net;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>A real nginx writes the worker stack's format; the exporter follows its log through a reopen.</summary>
public sealed class RealNginxTests
{
    private const string Locations = """
                location = /created { return 201 "created\n"; }
                location = /missing { return 404; }
                location = /broken { return 500; }
                location = /moved { return 302 /ok; }
        """;

    [Fact]
    public async Task Counts_per_method_and_status_equal_what_was_sent_across_a_log_reopen()
    {
        using var nginx = await NginxServer.StartAsync(Locations);
        using var dir = new TempDirectory();
        using var exporter = await StartExporterAsync(nginx, dir, "");
        var before = await nginx.ReadStubStatusAsync();
        var plan = new (HttpMethod Method, string Path, int Status, int Count)[]
        {
            (HttpMethod.Get, "/ok", 200, 30), (HttpMethod.Post, "/created", 201, 10), (HttpMethod.Get, "/missing", 404, 7),
            (HttpMethod.Delete, "/broken", 500, 5), (HttpMethod.Head, "/ok", 200, 3), (HttpMethod.Put, "/moved", 302, 4),
            (new HttpMethod("PROPFIND"), "/ok", 200, 2),
        };

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        await SendAsync(client, nginx, plan, half: 0);
        File.Move(nginx.AccessLogPath, nginx.AccessLogPath + ".1");
        await nginx.ReopenLogsAsync();
        await SendAsync(client, nginx, plan, half: 1);
        var after = await nginx.ReadStubStatusAsync();

        var sent = plan.Sum(p => p.Count);
        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "nginx_http_response_count_total", sent);
        foreach (var (method, _, status, count) in plan.GroupBy(p => (p.Method.Method, p.Status)).Select(g => (g.Key.Method, "", g.Key.Status, g.Sum(p => p.Count))))
        {
            var label = method is "PROPFIND" ? "other" : method;
            Assert.Equal(count, page.Value("nginx_http_response_count_total", ("method", label), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        // nginx's own count: the requests above plus the one that read stub_status the second time.
        Assert.Equal(after.Requests - before.Requests - 1, sent);
        Assert.Equal(0, page.Value("nginx_parse_errors_total"));
        Assert.Equal(sent, page.Find("nginx_http_response_time_seconds_count").Sum(s => s.Value));
        Assert.Equal(1, page.Find("nginxlog_exporter_rotations_total").Sum(s => s.Value));
        await Promtool.CheckMetricsAsync(page.Text);
    }

    [Fact]
    public async Task Malformed_requests_as_nginx_logs_them_are_counted_not_errors()
    {
        using var nginx = await NginxServer.StartAsync(Locations);
        using var dir = new TempDirectory();
        using var exporter = await StartExporterAsync(nginx, dir, """
                relabel_configs:
                  - target_label: agent
                    from: http_user_agent
            """);

        // A TLS handshake sent to the plain port, a garbage line, an HTTP/0.9 request, and a user agent
        // with a quote, a backslash and UTF-8: nginx escapes what it must as \xHH and logs them all.
        await SendRawAsync(nginx, [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]);
        await SendRawAsync(nginx, "HELLO there\r\n\r\n"u8.ToArray());
        await SendRawAsync(nginx, "GET /ok\r\n"u8.ToArray());
        await SendRawAsync(nginx, System.Text.Encoding.UTF8.GetBytes("GET /ok HTTP/1.1\r\nHost: x\r\nUser-Agent: say \"hi\" \\ caf\u00e9\r\nConnection: close\r\n\r\n"));

        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "nginx_http_response_count_total", 4);
        Assert.Equal(0, page.Value("nginx_parse_errors_total"));
        Assert.Equal(1, page.Value("nginx_http_response_count_total", ("method", "GET"), ("status", "200"), ("agent", "say \"hi\" \\ caf\u00e9")));
        Assert.Equal(3, page.Find("nginx_http_response_count_total", ("method", "other")).Sum(s => s.Value));
    }

    /// <summary>The exporter following the nginx's log in the worker format from its start, with extra namespace keys.</summary>
    private static Task<ExporterProcess> StartExporterAsync(NginxServer nginx, TempDirectory dir, string extra)
    {
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: nginx
                format: "{{LogExporter.WorkerFormat}}"
            {{extra}}
                source:
                  files:
                    - {{nginx.AccessLogPath}}
                  start_at: beginning
            """);
        return LogExporter.StartAsync($"--config.file={config}");
    }

    private static async Task SendRawAsync(NginxServer nginx, byte[] bytes)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync("127.0.0.1", nginx.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    private static async Task SendAsync(HttpClient client, NginxServer nginx, (HttpMethod Method, string Path, int Status, int Count)[] plan, int half)
    {
        foreach (var (method, path, status, count) in plan)
        {
            var n = half == 0 ? count / 2 : count - (count / 2);
            for (var i = 0; i < n; i++)
            {
                using var request = new HttpRequestMessage(method, new Uri(nginx.BaseUri, path));
                using var response = await client.SendAsync(request);
                Assert.Equal((HttpStatusCode)status, response.StatusCode);
            }
        }
    }
}
