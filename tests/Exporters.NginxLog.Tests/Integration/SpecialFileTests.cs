using System.Text;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>
/// Whatever is put at a followed path instead of a regular file (a FIFO with a writer, a unix socket, a
/// directory), the exporter skips it, says once what it is, follows the regular file that comes back, and
/// still stops on SIGTERM.
/// </summary>
public sealed class SpecialFileTests
{
    [Fact]
    public async Task Special_files_at_the_path_are_skipped_the_regular_file_is_counted_exactly_and_SIGTERM_stops_it()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        SpecialFiles.MakeFifo(log);
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: web
                format: "{{AccessLines.Format}}"
                source:
                  files:
                    - {{log}}
            """);

        using var exporter = await LogExporter.StartAsync($"--config.file={config}");
        await WaitStderrAsync(exporter, "is a FIFO (named pipe)", 1);

        // A writer opens the FIFO and writes lines into it: they are not the log's and are never read.
        using (var fifo = new FileStream(log, FileMode.Open, FileAccess.ReadWrite))
        {
            fifo.Write(Encoding.ASCII.GetBytes(AccessLines.Lines(0, 10)));
            fifo.Flush();
            File.Delete(log);
        }

        using (SpecialFiles.BindSocket(log))
        {
            await WaitStderrAsync(exporter, "is a unix socket", 1);
        }

        File.Delete(log);
        Directory.CreateDirectory(log);
        await WaitStderrAsync(exporter, "is a directory", 1);
        Directory.Delete(log);

        var staged = dir.File("staged.log");
        await File.WriteAllTextAsync(staged, AccessLines.Lines(0, 100));
        File.Move(staged, log);
        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 100);
        Assert.Equal(100, page.Value("web_http_response_count_total", ("method", "GET"), ("status", "200")));
        Assert.Equal(0, page.Value("web_parse_errors_total"));

        // A FIFO at the path again, with no writer: SIGTERM still stops the exporter (generous wait, not a speed claim).
        File.Delete(log);
        SpecialFiles.MakeFifo(log);
        await WaitStderrAsync(exporter, "is a FIFO (named pipe)", 2);
        exporter.Process.Signal(Signals.SigTerm);
        Assert.Equal(0, await exporter.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var stderr = exporter.Process.StandardError;
        Assert.Equal(1, AccessLines.Occurrences(stderr, "is a unix socket"));
        Assert.Equal(1, AccessLines.Occurrences(stderr, "is a directory"));
        Assert.DoesNotContain("denied", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopped following", stderr, StringComparison.Ordinal);
    }

    private static async Task WaitStderrAsync(ExporterProcess exporter, string fragment, int times)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (AccessLines.Occurrences(exporter.Process.StandardError, fragment) < times)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no \"{fragment}\" in the log:\n{exporter.Process.StandardError}");
            await Task.Delay(50);
        }
    }
}
