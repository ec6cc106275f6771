using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>
/// The real exporter under what an unlucky operator or a hostile client brings: slow clients holding
/// connections, a full disk under the position file, SIGKILL while lines come in.
/// </summary>
public sealed class HostileConditionsTests
{
    [Fact]
    public async Task Clients_sending_headers_byte_by_byte_do_not_block_other_scrapes()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        await File.WriteAllTextAsync(log, AccessLines.Lines(0, 3));
        using var exporter = await LogExporter.StartAsync($"--config.file={Config(dir, log, null)}");

        using var stop = new CancellationTokenSource();
        var request = Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('x', 200) + "\r\n\r\n");
        var slow = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            slow.Add(SendSlowlyAsync(exporter.Port, request, stop.Token));
        }

        try
        {
            for (var scrape = 0; scrape < 5; scrape++)
            {
                var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 3);
                Assert.Equal(3, page.Value("web_http_response_count_total", ("method", "GET"), ("status", "200")));
                await Task.Delay(200);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(slow);
        }
    }

    [Fact]
    public async Task A_full_disk_under_the_position_file_loses_no_line_and_is_reported_once()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        var positions = dir.File("positions.json");

        // The position file is written to positions.json.tmp first: pointed at /dev/full, every write fails with ENOSPC.
        File.CreateSymbolicLink(positions + ".tmp", "/dev/full");
        await File.WriteAllTextAsync(log, AccessLines.Lines(0, 100));
        using var exporter = await LogExporter.StartAsync($"--config.file={Config(dir, log, positions)}");

        await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 100);
        for (var batch = 1; batch <= 3; batch++)
        {
            await File.AppendAllTextAsync(log, AccessLines.Lines(batch * 100, 100));
            await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", (batch + 1) * 100);
            await Task.Delay(1200);
        }

        Assert.Equal(1, AccessLines.Occurrences(exporter.Process.StandardError, "Cannot save positions"));
        Assert.Contains("No space left on device", exporter.Process.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(positions));

        // Room again: positions are saved, and that is said once.
        File.Delete(positions + ".tmp");
        await File.AppendAllTextAsync(log, AccessLines.Lines(400, 10));
        await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 410);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!exporter.Process.StandardError.Contains("saved to", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        exporter.Process.Signal(Signals.SigTerm);
        Assert.Equal(0, await exporter.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new FileInfo(log).Length, SavedOffset(positions));
    }

    [Fact]
    public async Task SIGKILL_while_lines_come_in_loses_no_line_after_a_restart()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        var positions = dir.File("positions.json");
        await File.WriteAllTextAsync(log, "");
        var config = Config(dir, log, positions);
        const int Batches = 40;
        const int PerBatch = 250;

        var written = 0;
        using (var first = await LogExporter.StartAsync($"--config.file={config}"))
        {
            for (; written < Batches / 2; written++)
            {
                await File.AppendAllTextAsync(log, AccessLines.Lines(written * PerBatch, PerBatch));
                await Task.Delay(50);
            }

            // Killed mid-ingestion: the first half is in, more is coming.
            await LogExporter.ScrapeUntilTotalAsync(first, "web_http_response_count_total", written * PerBatch);
            await File.AppendAllTextAsync(log, AccessLines.Lines(written * PerBatch, PerBatch));
            written++;
            first.Process.Signal(Signals.SigKill);
            await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        for (; written < Batches; written++)
        {
            await File.AppendAllTextAsync(log, AccessLines.Lines(written * PerBatch, PerBatch));
        }

        // Every line from the last saved position on is counted by the next run; those before it were counted already.
        var offset = SavedOffset(positions);
        var bytes = await File.ReadAllBytesAsync(log);
        Assert.True(offset == 0 || bytes[offset - 1] == (byte)'\n', $"offset {offset} is not at a line start");
        var after = bytes.AsSpan((int)offset).Count((byte)'\n');
        Assert.True(after > 0);

        using var second = await LogExporter.StartAsync($"--config.file={config}");
        await LogExporter.ScrapeUntilTotalAsync(second, "web_http_response_count_total", after);
        var page = await second.ScrapeAsync();
        Assert.Equal(after, page.Value("web_http_response_count_total", ("method", "GET"), ("status", "200")));
        Assert.Equal(0, page.Value("web_parse_errors_total"));
    }

    private static async Task SendSlowlyAsync(int port, byte[] request, CancellationToken stop)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, stop);
            var stream = client.GetStream();
            for (var i = 0; i < request.Length && !stop.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(request.AsMemory(i, 1), stop);
                await Task.Delay(500, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
        }
    }

    private static long SavedOffset(string positions)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(positions));
        return json.RootElement.GetProperty("files")[0].GetProperty("offset").GetInt64();
    }

    private static string Config(TempDirectory dir, string log, string? positions) => LogExporter.WriteConfig(dir, $$"""
        namespaces:
          - name: web
            format: "{{AccessLines.Format}}"
            source:
              files:
                - {{log}}
              start_at: beginning
        {{(positions is null ? "" : "      position_file: " + positions)}}
        """);
}
