using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Exporters.Merger.Tests;

/// <summary>A merge collector over real HTTP upstreams and a given resolver, scraped in this process as the host would.</summary>
internal sealed class InProcessMerger : IDisposable
{
    private readonly UpstreamFetcher _fetcher = new(TimeProvider.System);
    private readonly MergeCollector _collector;

    public InProcessMerger(IHostResolver resolver, TimeSpan timeout, Serilog.ILogger? logger, params string[] urls)
    {
        var upstreams = UpstreamConfig.Load(urls, "", timeout);
        _collector = new MergeCollector(
            upstreams, _fetcher, new ReplicaResolver(resolver, TimeProvider.System), new HttpContextAccessor(), logger ?? Serilog.Core.Logger.None);
    }

    public void Dispose() => _fetcher.Dispose();

    public async Task<Testing.MetricsPage> ScrapeAsync() => Testing.MetricsPage.Parse(await ScrapeTextAsync(ExpositionFormat.Text004));

    /// <summary>The merged page as the host sends it in <paramref name="format"/> (OpenMetrics ends in # EOF).</summary>
    public async Task<string> ScrapeTextAsync(ExpositionFormat format)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new ExpositionWriter(buffer, format);
        await _collector.CollectAsync(writer, CancellationToken.None);
        writer.WriteEnd();

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
