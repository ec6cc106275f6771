using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>Debian's node_exporter 1.5 run on 127.0.0.1 beside this service, for side-by-side tests on the live host.</summary>
public sealed class DebianNodeExporter : IDisposable
{
    public const string Path = "/usr/bin/prometheus-node-exporter";
    private readonly ChildProcess _process;
    private readonly int _port;

    private DebianNodeExporter(ChildProcess process, int port)
    {
        _process = process;
        _port = port;
    }

    /// <summary>Starts it with <paramref name="args"/> and waits until it serves a page.</summary>
    public static async Task<DebianNodeExporter> StartAsync(IEnumerable<string> args)
    {
        Assert.True(File.Exists(Path), "prometheus-node-exporter is not installed");
        var port = FreePort.Next();
        var exporter = new DebianNodeExporter(ChildProcess.Start(Path, args.Prepend($"--web.listen-address=127.0.0.1:{port}")), port);
        _ = await exporter.ScrapeAsync();
        return exporter;
    }

    public async Task<MetricsPage> ScrapeAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return MetricsPage.Parse(await ExporterProcess.Client.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/metrics")));
            }
            catch (HttpRequestException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose() => _process.Dispose();
}
