using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Metrics;
using CollectorRegistry = Prometheus.CollectorRegistry;

namespace Exporters.NginxLog.Tests.Metrics;

/// <summary>Lines in, exact exposition out: the recorder and collector of one namespace.</summary>
public sealed class NamespaceMetricsTests
{
    private const string Format = "$remote_addr \"$request\" $status $body_bytes_sent $request_length rt=$request_time ut=$upstream_response_time";

    [Fact]
    public void Counts_sizes_and_histograms_per_method_and_status_exactly()
    {
        var ns = Namespace(buckets: [0.1, 1]);

        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 200 100 50 rt=0.250 ut=0.250, 0.125 : 0.125");
        ns.Record("1.1.1.2 \"GET /b HTTP/1.1\" 200 300 70 rt=0.500 ut=-");
        ns.Record("1.1.1.3 \"BREW /pot HTTP/1.1\" 418 0 10 rt=2.000 ut=-");

        Assert.Equal(
            """
            # HELP nginx_http_response_count_total Amount of processed HTTP requests
            # TYPE nginx_http_response_count_total counter
            nginx_http_response_count_total{method="GET",status="200"} 2
            nginx_http_response_count_total{method="other",status="418"} 1
            # HELP nginx_http_response_size_bytes Total amount of transferred bytes
            # TYPE nginx_http_response_size_bytes counter
            nginx_http_response_size_bytes{method="GET",status="200"} 400
            nginx_http_response_size_bytes{method="other",status="418"} 0
            # HELP nginx_http_request_size_bytes Total amount of received bytes
            # TYPE nginx_http_request_size_bytes counter
            nginx_http_request_size_bytes{method="GET",status="200"} 120
            nginx_http_request_size_bytes{method="other",status="418"} 10
            # HELP nginx_http_response_time_seconds Time needed by NGINX to handle requests
            # TYPE nginx_http_response_time_seconds histogram
            nginx_http_response_time_seconds_bucket{method="GET",status="200",le="0.1"} 0
            nginx_http_response_time_seconds_bucket{method="GET",status="200",le="1"} 2
            nginx_http_response_time_seconds_bucket{method="GET",status="200",le="+Inf"} 2
            nginx_http_response_time_seconds_sum{method="GET",status="200"} 0.75
            nginx_http_response_time_seconds_count{method="GET",status="200"} 2
            nginx_http_response_time_seconds_bucket{method="other",status="418",le="0.1"} 0
            nginx_http_response_time_seconds_bucket{method="other",status="418",le="1"} 0
            nginx_http_response_time_seconds_bucket{method="other",status="418",le="+Inf"} 1
            nginx_http_response_time_seconds_sum{method="other",status="418"} 2
            nginx_http_response_time_seconds_count{method="other",status="418"} 1
            # HELP nginx_http_upstream_time_seconds Time needed by upstream servers to handle requests
            # TYPE nginx_http_upstream_time_seconds histogram
            nginx_http_upstream_time_seconds_bucket{method="GET",status="200",le="0.1"} 0
            nginx_http_upstream_time_seconds_bucket{method="GET",status="200",le="1"} 1
            nginx_http_upstream_time_seconds_bucket{method="GET",status="200",le="+Inf"} 1
            nginx_http_upstream_time_seconds_sum{method="GET",status="200"} 0.5
            nginx_http_upstream_time_seconds_count{method="GET",status="200"} 1
            # HELP nginx_parse_errors_total Total number of log file lines that could not be parsed
            # TYPE nginx_parse_errors_total counter
            nginx_parse_errors_total 0
            # HELP nginx_series_overflow_total Lines counted under the label value __overflow__ because max_series label sets or the namespace's share of the page were reached
            # TYPE nginx_series_overflow_total counter
            nginx_series_overflow_total 0
            # HELP nginx_label_value_too_long_total Lines whose relabelled value was longer than max_label_bytes, counted under the label value __too_long__
            # TYPE nginx_label_value_too_long_total counter
            nginx_label_value_too_long_total 0

            """,
            ns.Page());
    }

    [Fact]
    public void Static_labels_namespace_label_relabels_and_status_classes_shape_the_series()
    {
        var ns = Namespace(
            labels: [new("app", "shop")],
            namespaceLabel: "vhost",
            statusClass: true,
            relabels:
            [
                new RelabelConfig { TargetLabel = "path", From = "request", Split = 2, Matches = [new(new Regex("^/api/.*"), "/api")], Default = "/other" },
                new RelabelConfig { TargetLabel = "client", From = "remote_addr", OnlyCounter = true },
            ]);

        ns.Record("1.1.1.1 \"GET /api/x HTTP/1.1\" 201 1 1 rt=0.1 ut=-");
        ns.Record("1.1.1.1 \"GET /api/y HTTP/1.1\" 204 1 1 rt=0.1 ut=-");
        ns.Record("2.2.2.2 \"GET /home HTTP/1.1\" 503 1 1 rt=0.1 ut=-");

        var page = ns.Page();
        Assert.Contains("nginx_http_response_count_total{app=\"shop\",client=\"1.1.1.1\",method=\"GET\",path=\"/api\",status=\"2xx\",vhost=\"nginx\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_count_total{app=\"shop\",client=\"2.2.2.2\",method=\"GET\",path=\"/other\",status=\"5xx\",vhost=\"nginx\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_size_bytes{app=\"shop\",method=\"GET\",path=\"/api\",status=\"2xx\",vhost=\"nginx\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_parse_errors_total{app=\"shop\",vhost=\"nginx\"} 0\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_max_series_new_label_sets_go_to_overflow_and_are_counted()
    {
        var ns = Namespace(maxSeries: 2);

        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=-");
        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 404 1 1 rt=0.1 ut=-");
        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 500 1 1 rt=0.1 ut=-");
        ns.Record("1.1.1.1 \"POST /a HTTP/1.1\" 500 1 1 rt=0.1 ut=-");
        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=-");

        var page = ns.Page();
        Assert.Contains("nginx_http_response_count_total{method=\"GET\",status=\"200\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_count_total{method=\"__overflow__\",status=\"__overflow__\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_series_overflow_total 2\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_not_updated_for_series_ttl_are_dropped()
    {
        var time = new ManualTime();
        var ns = Namespace(ttl: TimeSpan.FromMinutes(5), time: time);

        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=-");
        time.Advance(TimeSpan.FromMinutes(4));
        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 404 1 1 rt=0.1 ut=-");
        time.Advance(TimeSpan.FromMinutes(2));

        var page = ns.Page();
        Assert.DoesNotContain("status=\"200\"", page, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_count_total{method=\"GET\",status=\"404\"} 1\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_lines_and_undecodable_label_values_are_parse_errors()
    {
        var ns = Namespace(relabels: [new RelabelConfig { TargetLabel = "client", From = "remote_addr" }]);

        ns.Record("garbage");
        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" twohundred 1 1 rt=0.1 ut=-");
        ns.Record("\\xFF\\xFE \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=-");
        ns.Recorder.OnLineTooLong(100_000);
        ns.Record("\\x41\\x42 \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=-");

        var page = ns.Page();
        Assert.Contains("nginx_parse_errors_total 4\n", page, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_count_total{client=\"AB\",method=\"GET\",status=\"200\"} 1\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_go_exporters_style_has_summaries_and_hist_histograms()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var ns = Namespace(style: MetricsStyle.NginxlogExporter, registry: registry);

        ns.Record("1.1.1.1 \"GET /a HTTP/1.1\" 200 1 1 rt=0.1 ut=0.05");

        var page = ns.Page();
        Assert.Contains("# TYPE nginx_http_response_time_seconds_hist histogram\n", page, StringComparison.Ordinal);
        Assert.Contains("# TYPE nginx_http_upstream_time_seconds_hist histogram\n", page, StringComparison.Ordinal);
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var summaries = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("# TYPE nginx_http_response_time_seconds summary\n", summaries, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_time_seconds_count{method=\"GET\",status=\"200\"} 1\n", summaries, StringComparison.Ordinal);
        Assert.Contains("nginx_http_response_time_seconds{method=\"GET\",status=\"200\",quantile=\"0.5\"} 0.1\n", summaries, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relabel_from_a_variable_the_format_lacks_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => Namespace(relabels: [new RelabelConfig { TargetLabel = "ua", From = "http_user_agent" }]));

        Assert.Equal("test.yml: namespace \"nginx\": relabel \"ua\" reads $http_user_agent, which the format does not have", error.Message);
    }

    [Fact]
    public void Recording_a_line_of_known_series_allocates_nothing()
    {
        var ns = Namespace(relabels: [new RelabelConfig { TargetLabel = "client", From = "remote_addr" }]);
        var line = "1.1.1.1 \"GET /a HTTP/1.1\" 200 100 50 rt=0.050 ut=0.010, 0.020 : 0.030"u8.ToArray();
        for (var i = 0; i < 1000; i++)
        {
            ns.Recorder.OnLine(line);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            ns.Recorder.OnLine(line);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static TestNamespace Namespace(
        double[]? buckets = null,
        KeyValuePair<string, string>[]? labels = null,
        string? namespaceLabel = null,
        bool statusClass = false,
        RelabelConfig[]? relabels = null,
        int maxSeries = 10_000,
        TimeSpan? ttl = null,
        TimeProvider? time = null,
        MetricsStyle style = MetricsStyle.Default,
        CollectorRegistry? registry = null)
    {
        var config = new NamespaceConfig
        {
            Name = "nginx",
            Format = Format,
            MetricsPrefix = "nginx",
            HistogramBuckets = buckets ?? NamespaceConfig.DefaultBuckets,
            Labels = labels ?? [],
            NamespaceLabel = namespaceLabel,
            StatusClass = statusClass,
            Relabels = relabels ?? [],
            MaxSeries = maxSeries,
            SeriesTtl = ttl,
            Style = style,
            Source = new SourceConfig { Files = ["/tmp/access.log"] },
        };
        var schema = new NamespaceSchema(config, new CompiledFormat(LogFormat.Parse(Format)), "test.yml");
        var store = new SeriesStore(schema, registry, Serilog.Core.Logger.None);
        time ??= TimeProvider.System;
        return new TestNamespace(new NamespaceRecorder(schema, store, time, Serilog.Core.Logger.None), new NamespaceCollector(schema, store, time));
    }

    private sealed record TestNamespace(NamespaceRecorder Recorder, NamespaceCollector Collector)
    {
        public void Record(string line) => Recorder.OnLine(Encoding.UTF8.GetBytes(line));

        public string Page()
        {
            var buffer = new ArrayBufferWriter<byte>();
            Collector.CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), CancellationToken.None).GetAwaiter().GetResult();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
