using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>The exporter stopped with SIGTERM and started again resumes where it stopped, through its position file.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_with_a_position_file_counts_every_line_exactly_once()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        var positions = dir.File("positions.json");
        await File.WriteAllTextAsync(log, AccessLines.Lines(0, 100));
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: web
                format: "{{AccessLines.Format}}"
                source:
                  files:
                    - {{log}}
                  start_at: beginning
                  position_file: {{positions}}
            """);

        using (var first = await LogExporter.StartAsync($"--config.file={config}"))
        {
            await LogExporter.ScrapeUntilTotalAsync(first, "web_http_response_count_total", 100);
            await File.AppendAllTextAsync(log, AccessLines.Lines(100, 50));
            await LogExporter.ScrapeUntilTotalAsync(first, "web_http_response_count_total", 150);
            first.Process.Signal(Signals.SigTerm);
            Assert.Equal(0, await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(File.Exists(positions));
        await File.AppendAllTextAsync(log, AccessLines.Lines(150, 70));

        using var second = await LogExporter.StartAsync($"--config.file={config}");
        var page = await LogExporter.ScrapeUntilTotalAsync(second, "web_http_response_count_total", 70);
        Assert.Equal(70, page.Value("web_http_response_count_total", ("method", "GET"), ("status", "200")));
    }
}
