using System.Net;
using Exporters.Testing;

namespace Deploy.Tests.Stack;

/// <summary>
/// The worker stack as users run it (<see cref="ComposeStack"/>), used only through the ports it publishes
/// on 127.0.0.1, deploy/scale.sh and the container engine: nginx, the stand-in app, the four services
/// and the merger, with a real Prometheus on the host evaluating deploy/rules. Grafana is left out (not in
/// Debian's packages, and nothing is pulled from a registry here). The steps share the stack and run in order.
/// </summary>
[Trait("Category", "Stack")]
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed class StackTests(ComposeStack stack) : IClassFixture<ComposeStack>
{
    private const string App = "dns+http://service-a:8080/metrics";
    private const string RequestCounter = "nginx_http_response_count_total";
    private static readonly string[] Exporters =
    [
        "http://nginx-stub-exporter:9113/metrics",
        "http://nginx-log-exporter:9114/metrics",
        "http://node-exporter:9100/metrics",
    ];

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    [Step(1)]
    public async Task NginxAnswersThroughItsLoopbackPortWithTheApp()
    {
        var bodies = await RequestAsync(3, "/any/path?x=1");
        Assert.All(bodies, b => Assert.StartsWith("service-a ", b, StringComparison.Ordinal));
        Assert.Equal("ok\n", Assert.Single(await RequestAsync(1, "/health")));

        // Only nginx and the merger are published, and only on 127.0.0.1.
        var published = new List<string>();
        foreach (var id in await ComposeStack.ContainersAsync())
        {
            var ports = await ComposeStack.PodmanAsync("port", id);
            published.AddRange(ports.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        Assert.Equal(
            [$"80/tcp -> 127.0.0.1:{stack.HttpPort}", $"8080/tcp -> 127.0.0.1:{stack.MetricsPort}"],
            published.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Step(2)]
    public async Task TheMergedPageHasEveryServiceAndIsValidInBothFormats()
    {
        await RequestAsync(1);
        var page = await EventuallyPageAsync(p => p.Find(RequestCounter).Any(), "the log exporter's counter on the merged page");

        Assert.Contains("node_cpu_seconds_total", page.Families.Keys);
        Assert.Contains("node_memory_MemTotal_bytes", page.Families.Keys);
        Assert.Equal(1, page.Value("nginx_up"));
        Assert.Contains("nginx_connections_active", page.Families.Keys);
        Assert.Contains("nginx_http_requests_total", page.Families.Keys);
        Assert.Contains(RequestCounter, page.Families.Keys);
        foreach (var upstream in Exporters)
        {
            Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", upstream)));
        }

        // The app has no metrics page: it is a replica that answers, not a failed upstream.
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", App)));
        Assert.Equal(1, page.Value("merger_upstream_replicas", ("upstream", App)));
        Assert.Equal(1, page.Find("merger_replica_up", ("upstream", App)).Single().Value);
        Assert.Equal(0, page.Find("merger_replica_merged", ("upstream", App)).Single().Value);
        Assert.DoesNotContain(page.Samples, s => s.Name == "merger_upstream_up" && s.Value == 0);

        await Promtool.CheckMetricsAsync(page.Text);
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Merger);
        request.Headers.Accept.ParseAdd("application/openmetrics-text;version=1.0.0");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.True(await OpenMetricsParser.CheckAsync(await response.Content.ReadAsStringAsync()) > 100);
    }

    [Fact]
    [Step(3)]
    public async Task RequestsSentToNginxAreCountedExactly()
    {
        var before = await SettledRequestCountAsync();
        await RequestAsync(100, "/counted");
        var after = await SettledRequestCountAsync(before + 100);
        Assert.Equal(before + 100, after);
    }

    [Fact]
    [Step(4)]
    public async Task ScaleShDrivesTheReplicasAndNginxAndTheMergerFollow()
    {
        foreach (var refused in new[] { "0", "11" })
        {
            var (exit, output) = await stack.ScaleAsync(refused);
            Assert.True(exit == 2, output);
        }

        Assert.Single(await ComposeStack.ContainersAsync("service-a"));

        await ScaleAsync(3);
        var page = await ScrapeAsync();
        Assert.Equal(3, page.Value("merger_upstream_replicas", ("upstream", App)));
        Assert.Equal(3, ReplicasUp(page));
        Assert.Equal(3, (await RequestAsync(60)).Distinct().Count());

        await ScaleAsync(1);
        page = await ScrapeAsync();
        Assert.Equal(1, page.Value("merger_upstream_replicas", ("upstream", App)));
        Assert.Equal(1, ReplicasUp(page));
        Assert.Single((await RequestAsync(30)).Distinct());
    }

    [Fact]
    [Step(5)]
    public async Task AReplicaThatStopsAnsweringStopsCounting()
    {
        await ScaleAsync(2);
        var replicas = await ComposeStack.ContainersAsync("service-a");
        Assert.Equal(2, replicas.Count);

        // Frozen: its name still resolves and its port still takes connections, but nothing answers.
        await ComposeStack.PodmanAsync("pause", replicas[0]);
        try
        {
            var page = await ScrapeAsync(timeoutSeconds: 3);
            Assert.Equal(2, page.Value("merger_upstream_replicas", ("upstream", App)));
            Assert.Equal(1, ReplicasUp(page));
        }
        finally
        {
            await ComposeStack.PodmanAsync("unpause", replicas[0]);
        }

        Assert.Equal(2, ReplicasUp(await ScrapeAsync()));

        // Killed: it stops counting at once, whatever the restart policy does next.
        await ComposeStack.PodmanAsync("kill", replicas[1]);
        await EventuallyPageAsync(p => ReplicasUp(p) == 1, "one replica counted after the kill", TimeSpan.FromSeconds(10));
        await ScaleAsync(1);
    }

    [Fact]
    [Step(6)]
    public async Task PrometheusFiresHighThenLowRequestRateAndRecordsTheReplicas()
    {
        await ScaleAsync(2);
        var rules = File.ReadAllText(ComposeStack.Deploy("rules/alerts.yml"));
        var shortened = rules.Replace("for: 2m", "for: 3s", StringComparison.Ordinal).Replace("[5m]", "[20s]", StringComparison.Ordinal);
        Assert.NotEqual(rules, shortened);
        Assert.DoesNotContain("[5m]", shortened, StringComparison.Ordinal);
        Assert.DoesNotContain("for: 2m", shortened, StringComparison.Ordinal);
        var worker = $"127.0.0.1:{stack.MetricsPort}";
        using var prometheus = await PrometheusServer.StartAsync(
            $"""
            global:
              scrape_interval: 2s
              scrape_timeout: 2s
              evaluation_interval: 1s
            rule_files:
              - rules/alerts.yml
            scrape_configs:
              - job_name: worker
                static_configs:
                  - targets: ['{worker}']

            """,
            new Dictionary<string, string> { ["rules/alerts.yml"] = shortened });

        var running = (await ComposeStack.ContainersAsync("service-a")).Count;
        Assert.Equal(2, running);
        await PrometheusServer.EventuallyAsync(
            async () =>
            {
                var series = await prometheus.QueryAsync("worker:service_a_replicas_up:count");
                return (series.Count == 1 && series[0].Value == running && series[0].Labels["instance"] == worker, Describe(series));
            },
            $"the recorded replica count {running} for {worker}");

        // Under load: more than 50 requests a replica in the (shortened) window, for the (shortened) duration.
        using (var load = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            var sending = SendUntilCancelledAsync(load.Token);
            await PrometheusServer.EventuallyAsync(() => AlertStateAsync(prometheus, "HighRequestRate", worker, "firing"), "HighRequestRate firing");
            await load.CancelAsync();
            Assert.InRange(await sending, 101, 20_000);
        }

        // Idle: at most one request a replica in the window.
        await PrometheusServer.EventuallyAsync(() => AlertStateAsync(prometheus, "LowRequestRate", worker, "firing"), "LowRequestRate firing");
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => a.Name == "HighRequestRate");
        var recorded = await prometheus.QueryAsync("worker:service_a_replicas_up:count");
        Assert.Equal((double)(await ComposeStack.ContainersAsync("service-a")).Count, Assert.Single(recorded).Value);
        await ScaleAsync(1);
    }

    [Fact]
    [Step(7)]
    public async Task AKilledExporterLeavesTheMergedPageWhole()
    {
        const string Stub = "http://nginx-stub-exporter:9113/metrics";
        await ComposeStack.PodmanAsync("kill", await ComposeStack.ContainerAsync("nginx-stub-exporter"));
        var page = await EventuallyPageAsync(p => p.Value("merger_upstream_up", ("upstream", Stub)) == 0, "the stub exporter's upstream at 0", TimeSpan.FromSeconds(10));
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", Exporters[1])));
        Assert.Equal(1, page.Value("merger_upstream_up", ("upstream", Exporters[2])));
        Assert.Contains("node_cpu_seconds_total", page.Families.Keys);
        Assert.Contains(RequestCounter, page.Families.Keys);
        Assert.DoesNotContain("nginx_connections_active", page.Families.Keys);
        await Promtool.CheckMetricsAsync(page.Text);

        // Back, whether the restart policy already brought it back or compose starts it again.
        await stack.ComposeAsync(["up", "--detach", "--no-recreate", "nginx-stub-exporter"]);
        await EventuallyPageAsync(p => p.Value("merger_upstream_up", ("upstream", Stub)) == 1, "the stub exporter back", TimeSpan.FromSeconds(30));
    }

    [Fact]
    [Step(8)]
    public async Task ARotatedLogLosesNoLineAndDoublesNone()
    {
        var before = await SettledRequestCountAsync();
        await RequestAsync(50, "/before-rotation");
        await ComposeStack.ExecAsync("nginx", "mv", "/var/log/nginx/access.log", "/var/log/nginx/access.log.1");
        await RequestAsync(50, "/into-the-renamed-file");
        await ComposeStack.ExecAsync("nginx", "nginx", "-s", "reopen");

        // nginx -s reopen returns before the workers have reopened: wait until none writes to the old file
        // (reading the workers' descriptors takes the privileges a plain exec does not have).
        var nginx = await ComposeStack.ContainerAsync("nginx");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await ComposeStack.PodmanAsync("exec", "--privileged", nginx, "sh", "-c", "ls -l /proc/[0-9]*/fd/ 2>/dev/null; true")).Contains("access.log.1", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "nginx's workers still write to the renamed log after 30 s");
            await Task.Delay(100);
        }

        await RequestAsync(50, "/after-rotation");
        Assert.Equal(before + 150, await SettledRequestCountAsync(before + 150));
    }

    [Fact]
    [Step(9)]
    public async Task DownLeavesNoContainerNetworkVolumeOrListener()
    {
        await stack.ComposeAsync(["down", "--volumes", "--remove-orphans", "--timeout", "5"]);
        Assert.Empty(await ComposeStack.ContainersAsync(all: true));
        var label = $"label=com.docker.compose.project={ComposeStack.Project}";
        Assert.Equal("", (await ComposeStack.PodmanAsync("network", "ls", "--quiet", "--filter", label)).Trim());
        Assert.Equal("", (await ComposeStack.PodmanAsync("volume", "ls", "--quiet", "--filter", label)).Trim());
        Assert.False(await ComposeStack.ListensAsync(stack.HttpPort), $"something still listens on 127.0.0.1:{stack.HttpPort}");
        Assert.False(await ComposeStack.ListensAsync(stack.MetricsPort), $"something still listens on 127.0.0.1:{stack.MetricsPort}");
    }

    private static double ReplicasUp(MetricsPage page) => page.Find("merger_replica_up", ("upstream", App)).Sum(s => s.Value);

    private static string Describe(List<(Dictionary<string, string> Labels, double Value)> series) =>
        string.Join("; ", series.Select(s => $"{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));

    private static async Task<(bool Done, string State)> AlertStateAsync(PrometheusServer prometheus, string name, string instance, string state)
    {
        var alerts = await prometheus.AlertsAsync();
        var done = alerts.Any(a => a.Name == name && a.State == state && a.Labels.GetValueOrDefault("instance") == instance);
        return (done, string.Join("; ", alerts.Select(a => $"{a.Name} {a.State} {a.Labels.GetValueOrDefault("instance")}")));
    }

    /// <summary>Scales with deploy/scale.sh and checks the engine runs that many app containers.</summary>
    private async Task ScaleAsync(int replicas)
    {
        var (exit, output) = await stack.ScaleAsync(replicas.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"scale.sh {replicas} exited {exit}: {output}");
        Assert.Equal(replicas, (await ComposeStack.ContainersAsync("service-a")).Count);
    }

    /// <summary>One scrape of the merger as Prometheus makes it (text format, with its timeout header).</summary>
    private async Task<MetricsPage> ScrapeAsync(double timeoutSeconds = 5)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Merger);
        request.Headers.Accept.ParseAdd("text/plain;version=0.0.4");
        request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"merger: HTTP {(int)response.StatusCode}: {text}");
        return MetricsPage.Parse(text);
    }

    private async Task<MetricsPage> EventuallyPageAsync(Func<MetricsPage, bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var page = await ScrapeAsync();
            if (condition(page))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what}: not seen; last page:\n{page.Text}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The access-log exporter's count of requests once it has stopped changing (or has reached
    /// <paramref name="expected"/>) and has stayed so for two seconds, so that a late double count shows.
    /// </summary>
    private async Task<double> SettledRequestCountAsync(double? expected = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = double.NaN;
        var since = DateTime.UtcNow;
        while (true)
        {
            var count = (await ScrapeAsync()).Find(RequestCounter).Sum(s => s.Value);
            if (count != last)
            {
                (last, since) = (count, DateTime.UtcNow);
            }
            else if ((expected is null || count >= expected) && DateTime.UtcNow - since > TimeSpan.FromSeconds(2))
            {
                return count;
            }

            if (DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Sends <paramref name="count"/> requests to nginx, one at a time, each on a new connection; returns the bodies.</summary>
    private async Task<List<string>> RequestAsync(int count, string path = "/")
    {
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Nginx, path));
            request.Headers.ConnectionClose = true;
            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: HTTP {(int)response.StatusCode}: {body}");
            bodies.Add(body);
        }

        return bodies;
    }

    /// <summary>Requests from four loops at once until cancelled (or 20,000 in all); returns how many were answered 200.</summary>
    private async Task<int> SendUntilCancelledAsync(CancellationToken cancel)
    {
        var started = 0;
        var answered = 0;
        async Task LoopAsync()
        {
            while (!cancel.IsCancellationRequested && Interlocked.Increment(ref started) <= 20_000)
            {
                using var response = await Http.GetAsync(new Uri(stack.Nginx, "/load"), CancellationToken.None);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref answered);
                await Task.Delay(20, CancellationToken.None);
            }
        }

        await Task.WhenAll(LoopAsync(), LoopAsync(), LoopAsync(), LoopAsync());
        return answered;
    }
}
