using System.Text;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>
/// Label values taken from the log cannot make the page too big for the merger (16 MiB a page): a
/// relabelled value over max_label_bytes is counted under <c>__too_long__</c>, and series stop at the
/// namespace's share of the page as they stop at max_series.
/// </summary>
public sealed class LabelLengthTests
{
    private const int MergerBodyLimit = 16 * 1024 * 1024;
    private const int Lines = 10_000;

    [Fact]
    public async Task Values_over_max_label_bytes_are_folded_into_one_marker_and_counted()
    {
        using var dir = new TempDirectory();
        var config = await WriteLogAndConfigAsync(dir, pathBytes: 1000);
        using var exporter = await LogExporter.StartAsync($"--config.file={config}");

        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", Lines);

        Assert.Equal(Lines, page.Value("web_label_value_too_long_total"));
        Assert.Equal(Lines, page.Value("web_http_response_count_total", ("path", "__too_long__"), ("method", "GET"), ("status", "200")));
        Assert.Equal(0, page.Value("web_series_overflow_total"));
        Assert.True(page.Text.Length < 64 * 1024, $"{page.Text.Length} bytes");
    }

    [Fact]
    public async Task The_default_page_at_the_series_bound_with_maximal_values_stays_under_the_mergers_limit()
    {
        // Defaults: max_series 10000, max_label_bytes 256. A series of the worker stack's format writes 16 lines (the
        // counter, the size, 14 of the response-time histogram), each with its labels: 10000 series of 256-byte
        // paths would be 10000 × 16 × (256 + ~120) ≈ 60 MB. The namespace's share of the page (12 MiB) bounds them first.
        using var dir = new TempDirectory();
        var config = await WriteLogAndConfigAsync(dir, pathBytes: 256);
        using var exporter = await LogExporter.StartAsync($"--config.file={config}");

        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", Lines);

        var bytes = Encoding.UTF8.GetByteCount(page.Text);
        Assert.True(bytes < MergerBodyLimit, $"{bytes} bytes");
        Assert.Equal(0, page.Value("web_label_value_too_long_total"));
        Assert.True(page.Value("web_series_overflow_total") > 0);
        Assert.Equal(page.Value("web_series_overflow_total"), page.Value("web_http_response_count_total", ("path", "__overflow__"), ("method", "__overflow__"), ("status", "__overflow__")));
        var kept = page.Find("web_http_response_count_total").Count(s => s.Labels["path"] != "__overflow__");
        Assert.True(kept > 1000, $"{kept} series kept");
    }

    /// <summary>Lines with distinct paths of <paramref name="pathBytes"/> bytes each, and a config that labels by path.</summary>
    private static async Task<string> WriteLogAndConfigAsync(TempDirectory dir, int pathBytes)
    {
        var log = dir.File("access.log");
        var text = new StringBuilder();
        for (var i = 0; i < Lines; i++)
        {
            var number = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var path = "/" + number + new string('a', pathBytes - 1 - number.Length);
            text.Append("10.0.0.1 - - [03/Dec/2026:03:00:00 +0000] \"GET ").Append(path)
                .Append(" HTTP/1.1\" 200 12 \"-\" \"probe\" rt=0.010\n");
        }

        await File.WriteAllTextAsync(log, text.ToString());
        return LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: web
                format: "{{LogExporter.WorkerFormat}}"
                relabel_configs:
                  - target_label: path
                    from: request
                    split: 2
                    separator: " "
                source:
                  files:
                    - {{log}}
                  start_at: beginning
            """);
    }
}
