using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>
/// run.sh end to end: it starts nginx and the four services on free ports of 127.0.0.1, the merged page
/// carries the stub, access-log and node families and every metric the Grafana dashboard queries, and
/// Ctrl-C (SIGINT) stops all of it.
/// </summary>
public sealed class RunScriptTests
{
    private const int SigInt = 2;

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ServesEveryDashboardMetricOnTheMergedPageAndStopsEverythingOnSigInt()
    {
        var ports = new Dictionary<string, int>
        {
            ["NGINX_PORT"] = FreePort.Next(),
            ["STUB_PORT"] = FreePort.Next(),
            ["LOG_PORT"] = FreePort.Next(),
            ["NODE_PORT"] = FreePort.Next(),
            ["MERGER_PORT"] = FreePort.Next(),
        };
        var environment = ports.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        environment["MSBUILDDISABLENODEREUSE"] = "1";

        // A shell started in the background without job control ignores SIGINT, and so does everything it
        // starts (a test run launched that way included): bash could then not trap it. run.sh is started as a
        // user's terminal starts it, with SIGINT at its default.
        using var run = ChildProcess.Start(
            "python3",
            ["-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('bash', ['bash', sys.argv[1]])", Path.Combine(RepoPaths.Root, "run.sh")],
            environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var merger = $"http://127.0.0.1:{ports["MERGER_PORT"]}";
        await WaitForAsync(run, () => IsOkAsync(http, $"{merger}/healthz"), "the merger's /healthz");

        // Requests through nginx, so that the access-log exporter has families to report.
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{ports["NGINX_PORT"]}/page-{i}"));
            Assert.True(response.IsSuccessStatusCode, $"nginx answered {response.StatusCode}");
        }

        MetricsPage? page = null;
        await WaitForAsync(run, async () =>
        {
            page = MetricsPage.Parse(await http.GetStringAsync(new Uri($"{merger}/metrics")));
            return page.Find("nginx_http_response_count_total").Sum(s => s.Value) >= 5;
        }, "the five requests on the merged page");

        var processes = ProcessTree.Descendants(run.Id);
        Assert.NotEmpty(processes);

        var served = page!.Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(1, page.Value("nginx_up"));
        Assert.Contains(served, n => n.StartsWith("nginx_connections_", StringComparison.Ordinal));
        Assert.Contains("nginx_http_response_time_seconds_bucket", served);
        Assert.Contains(served, n => n.StartsWith("node_", StringComparison.Ordinal));
        Assert.All(page.Find("merger_upstream_up"), s => Assert.Equal(1, s.Value));

        var names = DashboardQueries.Load().AllMetricNames();
        Assert.NotEmpty(names);
        var missing = names.Where(n => !served.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard queries metrics the merged page does not serve: {string.Join(", ", missing)}");

        run.Signal(SigInt);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("stopped", run.StandardOutput, StringComparison.Ordinal);
        var left = processes.Where(ProcessTree.IsAlive).ToList();
        Assert.True(left.Count == 0, $"run.sh left processes behind: {string.Join(", ", left)}");
    }

    private static async Task<bool> IsOkAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(ChildProcess run, Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(StartLimit);
        while (!await condition())
        {
            Assert.False(run.HasExited, $"run.sh exited ({(run.HasExited ? run.ExitCode : 0)}) before {what}:\n{run.StandardError}");
            Assert.False(limit.IsCancellationRequested, $"no {what} within {StartLimit}:\n{run.StandardError}");
            await Task.Delay(200);
        }
    }
}
