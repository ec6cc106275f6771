using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>Starts the built access-log exporter as a process, as users run it.</summary>
internal static class LogExporter
{
    public static string Dll => RepoPaths.ServiceDll("Exporters.NginxLog");

    public const string WorkerFormat =
        "$remote_addr - $remote_user [$time_local] \\\"$request\\\" $status $body_bytes_sent \\\"$http_referer\\\" \\\"$http_user_agent\\\" rt=$request_time";

    /// <summary>Writes a YAML configuration into <paramref name="directory"/> and returns its path.</summary>
    public static string WriteConfig(TempDirectory directory, string yaml)
    {
        var path = directory.File("nginxlogsexp.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public static Task<ExporterProcess> StartAsync(params string[] args) => ExporterProcess.StartAsync(Dll, args);

    /// <summary>Scrapes until the namespace's request total reaches <paramref name="expected"/>; fails if it passes it.</summary>
    public static async Task<MetricsPage> ScrapeUntilTotalAsync(ExporterProcess exporter, string family, double expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var page = await exporter.ScrapeAsync();
            var total = page.Find(family).Sum(s => s.Value);
            if (total >= expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, total);
                return page;
            }

            await Task.Delay(100);
        }
    }
}
