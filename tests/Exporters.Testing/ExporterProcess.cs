using System.Net;

namespace Exporters.Testing;

/// <summary>One of the suite's services run as a real process on 127.0.0.1, as users run it.</summary>
public sealed class ExporterProcess : IDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private ExporterProcess(ChildProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public static HttpClient Client => Http;

    /// <summary>Starts the service's dll with the given flags and waits until /healthz answers.</summary>
    public static async Task<ExporterProcess> StartAsync(
        string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var port = FreePort.Next();
        var all = new List<string> { dll, $"--web.listen-address=127.0.0.1:{port}" };
        all.AddRange(args);
        var exporter = new ExporterProcess(ChildProcess.Start("dotnet", all, environment), port);
        try
        {
            await exporter.WaitHealthyAsync();
            return exporter;
        }
        catch
        {
            exporter.Dispose();
            throw;
        }
    }

    /// <summary>Runs the service's dll to its end, e.g. for --help or a usage error.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(
        string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunAsync("dotnet", args.Prepend(dll), environment: environment);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, path));
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>Scrapes the metrics path and parses the page.</summary>
    public async Task<MetricsPage> ScrapeAsync(string path = "/metrics") => MetricsPage.Parse(await GetStringAsync(path));

    public void Dispose() => Process.Dispose();

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"exporter exited with {Process.ExitCode}; stderr:\n{Process.StandardError}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUri, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"exporter did not answer /healthz; stderr:\n{Process.StandardError}");
            }

            await Task.Delay(50);
        }
    }
}
