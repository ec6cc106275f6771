using System.Net;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Hosting;
using Exporters.Core.Metrics;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>The shared host run in this process with a service that uses every way of adding metrics.</summary>
public sealed class ExporterHostTests
{
    [Fact]
    public async Task Serves_collectors_then_the_registry_and_leaves_out_a_failing_collector()
    {
        await using var host = await TestHost.StartAsync();

        var page = MetricsPage.Parse(await host.GetAsync("/metrics"));

        Assert.Equal(42, page.Value("test_value", ("kind", "a")));
        Assert.Equal(3, page.Value("test_events_total"));
        Assert.Equal(1, page.Value("test_build_info"));
        Assert.Contains("process_cpu_seconds_total", page.Families.Keys);
        Assert.DoesNotContain("test_broken", page.Families.Keys);
        Assert.Equal("counter", page.Families["test_events_total"].Type);
    }

    [Fact]
    public async Task OpenMetrics_pages_end_with_exactly_one_eof()
    {
        await using var host = await TestHost.StartAsync();

        var text = await host.GetAsync("/metrics", "application/openmetrics-text; version=1.0.0");

        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), line => line == "# EOF");
        Assert.Contains("test_events_total 3", text, StringComparison.Ordinal);
        await Promtool.CheckMetricsAsync(await host.GetAsync("/metrics"));
    }

    [Fact]
    public async Task A_failing_collector_is_tried_again_on_every_scrape()
    {
        await using var host = await TestHost.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await host.GetAsync("/metrics");
        }

        Assert.Equal(3, host.Service.BrokenCalls);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task Head_answers_200_with_the_headers_of_get_and_no_body(string path)
    {
        await using var host = await TestHost.StartAsync();

        using var get = await host.SendAsync(HttpMethod.Get, path);
        using var head = await host.SendAsync(HttpMethod.Head, path);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HeaderNames(get), HeaderNames(head));
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        var body = await get.Content.ReadAsByteArrayAsync();
        if (path == "/metrics")
        {
            // The page is made afresh for HEAD too; its numbers, and so its length, may differ.
            Assert.True(head.Content.Headers.ContentLength > 0);
        }
        else
        {
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Usage_errors_from_configure_return_2()
    {
        var service = new TestService { FailConfigure = true };

        Assert.Equal(2, await ExporterHost.RunAsync([$"--web.listen-address=127.0.0.1:{FreePort.Next()}"], service));
    }

    [Fact]
    public async Task A_port_in_use_returns_1()
    {
        await using var host = await TestHost.StartAsync();

        Assert.Equal(1, await ExporterHost.RunAsync([$"--web.listen-address=127.0.0.1:{host.Port}"], new TestService()));
    }

    private static List<string> HeaderNames(HttpResponseMessage response)
    {
        List<string> names = [];
        foreach (var (name, _) in response.Headers)
        {
            if (name != "Date")
            {
                names.Add(name);
            }
        }

        foreach (var (name, _) in response.Content.Headers)
        {
            names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private sealed class TestHost : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
        private Task<int>? _run;

        public int Port { get; } = FreePort.Next();

        public TestService Service { get; } = new();

        public static async Task<TestHost> StartAsync()
        {
            var host = new TestHost();
            host._run = ExporterHost.RunAsync([$"--web.listen-address=127.0.0.1:{host.Port}"], host.Service, host._stop.Token);
            for (var i = 0; ; i++)
            {
                try
                {
                    await host._http.GetStringAsync(new Uri($"http://127.0.0.1:{host.Port}/healthz"));
                    return host;
                }
                catch (HttpRequestException) when (i < 600 && !host._run.IsCompleted)
                {
                    await Task.Delay(50);
                }
            }
        }

        public async Task<string> GetAsync(string path, string? accept = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{Port}{path}"));
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{Port}{path}"));
            return await _http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(0, await _run!);
            _stop.Dispose();
            _http.Dispose();
        }
    }

    private sealed class TestService : IExporterService
    {
        private int _brokenCalls;

        public bool FailConfigure { get; init; }

        public int BrokenCalls => _brokenCalls;

        public ExporterInfo Info { get; } = new()
        {
            ProgramName = "test-exporter",
            Title = "Test",
            Description = "Test service.",
            MetricPrefix = "test",
            DefaultPort = 1,
        };

        public void DefineFlags(FlagSet flags)
        {
        }

        public void Configure(ExporterContext context)
        {
            if (FailConfigure)
            {
                throw new UsageException("bad setting");
            }

            var events = Prometheus.Metrics.WithCustomRegistry(context.Registry).CreateCounter("test_events_total", "Events.");
            events.Inc(3);
            context.AddCollector(new ValueCollector());
            context.AddCollector(new BrokenCollector(this));
        }

        private sealed class ValueCollector : IScrapeCollector
        {
            private static readonly MetricFamily Value = new("test_value", "A value.", MetricType.Gauge);
            private static readonly LabelSet Labels = LabelSet.Create([new("kind", "a")]);

            public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
            {
                writer.WriteSample(Value, Labels, 42);
                return Task.CompletedTask;
            }
        }

        private sealed class BrokenCollector(TestService owner) : IScrapeCollector
        {
            public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._brokenCalls);
                throw new InvalidDataException("broken on purpose");
            }
        }
    }
}
