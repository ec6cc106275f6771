using System.IO.Compression;
using System.Text;
using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>
/// Upstreams whose body never ends or inflates far past the 16 MiB limit: the real merger cuts them at the
/// limit, reports the bytes it took (never more than the limit), marks them down, and keeps serving.
/// </summary>
public sealed class OversizedBodyTests
{
    private const int Limit = 16 * 1024 * 1024;
    private const string Good = "# TYPE app_requests_total counter\napp_requests_total 7\n";

    [Fact]
    public async Task An_endless_body_is_cut_at_the_limit_and_reported_as_the_limit()
    {
        using var good = new FakeUpstream(Good);
        using var endless = new StreamingUpstream("Content-Type: text/plain; version=0.0.4\r\nTransfer-Encoding: chunked\r\n", WriteEndlessAsync);
        using var merger = await MergerProcess.StartAsync("--url", good.Url, "--url", endless.Url, "--exporters-timeout", "30");

        // Twice: the merger keeps serving after a cut.
        for (var scrape = 0; scrape < 2; scrape++)
        {
            var page = await merger.ScrapeAsync();

            await Promtool.CheckMetricsAsync(page.Text);
            Assert.Equal(7, page.Value("app_requests_total"));
            Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", endless.Url)));
            Assert.Equal(Limit, page.Value("merger_upstream_response_bytes", ("upstream", endless.Url)));
            Assert.Empty(page.Find("endless_metric"));
        }
    }

    [Fact]
    public async Task A_gzip_bomb_is_cut_at_the_limit_after_decompression()
    {
        // 64 MiB of sample lines compress to well under a megabyte: the Content-Length passes, the inflated body does not.
        var bomb = Bomb(64 * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} compressed bytes");
        using var good = new FakeUpstream(Good);
        using var gzip = new StreamingUpstream(
            $"Content-Type: text/plain; version=0.0.4\r\nContent-Encoding: gzip\r\nContent-Length: {bomb.Length}\r\n",
            async (stream, cancel) => await stream.WriteAsync(bomb, cancel));
        using var merger = await MergerProcess.StartAsync("--url", good.Url, "--url", gzip.Url, "--exporters-timeout", "30");

        var page = await merger.ScrapeAsync();

        await Promtool.CheckMetricsAsync(page.Text);
        Assert.Equal(7, page.Value("app_requests_total"));
        Assert.Equal(0, page.Value("merger_upstream_up", ("upstream", gzip.Url)));
        Assert.Equal(Limit, page.Value("merger_upstream_response_bytes", ("upstream", gzip.Url)));
        Assert.Empty(page.Find("bomb_metric"));
    }

    /// <summary>Chunks of valid sample lines until the merger hangs up (bounded at 1 GiB all the same).</summary>
    private static async Task WriteEndlessAsync(Stream stream, CancellationToken cancel)
    {
        var line = Encoding.ASCII.GetBytes("endless_metric{i=\"0123456789\"} 1\n");
        var payload = new byte[64 * 1024 / line.Length * line.Length];
        for (var at = 0; at < payload.Length; at += line.Length)
        {
            line.CopyTo(payload, at);
        }

        var chunk = Encoding.ASCII.GetBytes($"{payload.Length:x}\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        for (long sent = 0; sent < 1L << 30; sent += payload.Length)
        {
            await stream.WriteAsync(chunk, cancel);
        }
    }

    private static byte[] Bomb(int inflatedBytes)
    {
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("bomb_metric 1\n", 4096)));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var written = 0; written < inflatedBytes; written += block.Length)
            {
                gzip.Write(block);
            }
        }

        return compressed.ToArray();
    }
}
