using Exporters.Core.Exposition;
using Exporters.Core.Hosting;
using Exporters.Core.Metrics;
using Microsoft.AspNetCore.Http;

namespace Exporters.Core.Tests;

/// <summary>--web.max-requests: scrapes beyond the limit are answered 503 while the others run; 0 sets no limit.</summary>
public sealed class MetricsEndpointLimitTests
{
    [Fact]
    public async Task A_scrape_beyond_the_limit_is_answered_503_and_the_running_one_completes()
    {
        var gate = new BlockingCollector();
        var endpoint = new MetricsEndpoint([gate], null, Serilog.Core.Logger.None, maxConcurrent: 1);
        var first = Context();
        var running = endpoint.HandleAsync(first);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var second = Context();
        await endpoint.HandleAsync(second);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, second.Response.StatusCode);
        Assert.Contains("Limit of concurrent requests reached (1)", Body(second), StringComparison.Ordinal);

        gate.Release.SetResult();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCodes.Status200OK, first.Response.StatusCode);
        Assert.Contains("blocking_metric 1", Body(first), StringComparison.Ordinal);

        var third = Context();
        gate.Reset();
        gate.Release.SetResult();
        await endpoint.HandleAsync(third).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCodes.Status200OK, third.Response.StatusCode);
    }

    [Fact]
    public async Task Zero_sets_no_limit()
    {
        var gate = new BlockingCollector();
        var endpoint = new MetricsEndpoint([gate], null, Serilog.Core.Logger.None, maxConcurrent: 0);
        var contexts = Enumerable.Range(0, 3).Select(_ => Context()).ToArray();
        var scrapes = contexts.Select(endpoint.HandleAsync).ToArray();
        gate.Release.SetResult();
        await Task.WhenAll(scrapes).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(contexts, c => Assert.Equal(StatusCodes.Status200OK, c.Response.StatusCode));
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) =>
        System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    private sealed class BlockingCollector : IScrapeCollector
    {
        private static readonly MetricFamily Family = new("blocking_metric", "A metric written once the test lets the scrape go on.", MetricType.Gauge);

        public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Reset()
        {
            Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            writer.WriteSample(Family, LabelSet.Empty, 1);
        }
    }
}
