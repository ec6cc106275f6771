using System.Globalization;
using System.Net;
using System.Text.Json;
namespace Exporters.Testing;

/// <summary>
/// Debian's Prometheus server on 127.0.0.1 with a private configuration and storage (given targets scraped
/// every second, or a whole configuration with its rule files); answers queries and lists alerts through
/// its HTTP API. Killed and its files removed on dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _directory;
    private readonly ChildProcess _process;

    private PrometheusServer(TempDirectory directory, ChildProcess process, int port)
    {
        _directory = directory;
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUri { get; }

    /// <summary>Scrapes <paramref name="targets"/> as job <paramref name="job"/> every second.</summary>
    public static Task<PrometheusServer> StartAsync(string job, params string[] targets) =>
        StartAsync(
            $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]

            """,
            new Dictionary<string, string>());

    /// <summary>
    /// Runs with <paramref name="config"/> as prometheus.yml, beside <paramref name="files"/> (relative path →
    /// text, e.g. the rule files it names).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string config, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("prometheus is not installed (apt-get install prometheus)");
        }

        var directory = new TempDirectory("exporters-prometheus-");
        foreach (var (path, text) in files)
        {
            var file = directory.File(path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text);
        }

        await File.WriteAllTextAsync(directory.File("prometheus.yml"), config);
        var port = FreePort.Next();
        var process = ChildProcess.Start(Binary, [
            $"--config.file={directory.File("prometheus.yml")}",
            $"--storage.tsdb.path={directory.File("data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
        var server = new PrometheusServer(directory, process, port);
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The targets' scrape state: (scrape URL, health, last error).</summary>
    public async Task<List<(string ScrapeUrl, string Health, string LastError)>> TargetsAsync()
    {
        using var json = await GetJsonAsync("/api/v1/targets?state=active");
        var targets = new List<(string, string, string)>();
        foreach (var target in json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            targets.Add((
                target.GetProperty("scrapeUrl").GetString() ?? "",
                target.GetProperty("health").GetString() ?? "",
                target.GetProperty("lastError").GetString() ?? ""));
        }

        return targets;
    }

    /// <summary>An instant query: each series' labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string query)
    {
        using var json = await GetJsonAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        var series = new List<(Dictionary<string, string>, double)>();
        foreach (var item in json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in item.GetProperty("metric").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }

            var value = item.GetProperty("value")[1].GetString() ?? "NaN";
            series.Add((labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return series;
    }

    /// <summary>The alerts pending or firing: (alert name, its labels, state).</summary>
    public async Task<List<(string Name, Dictionary<string, string> Labels, string State)>> AlertsAsync()
    {
        using var json = await GetJsonAsync("/api/v1/alerts");
        var alerts = new List<(string, Dictionary<string, string>, string)>();
        foreach (var alert in json.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in alert.GetProperty("labels").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }

            alerts.Add((labels.GetValueOrDefault("alertname", ""), labels, alert.GetProperty("state").GetString() ?? ""));
        }

        return alerts;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with the last state seen after a generous deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<(bool Done, string State)>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var state = "";
        while (DateTime.UtcNow < deadline)
        {
            (var done, state) = await condition();
            if (done)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{what} did not happen; last seen: {state}");
    }

    public void Dispose()
    {
        _process.Dispose();
        _directory.Dispose();
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(BaseUri, path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: HTTP {(int)response.StatusCode}: {text}");
        var json = JsonDocument.Parse(text);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        return json;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}; stderr:\n{_process.StandardError}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUri, "/-/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"prometheus not ready after 60 s; stderr:\n{_process.StandardError}");
            }

            await Task.Delay(200);
        }
    }
}
