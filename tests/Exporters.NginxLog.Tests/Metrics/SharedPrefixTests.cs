using System.Buffers;
using System.Text;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Metrics;
using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Metrics;

/// <summary>Namespaces that share a metric prefix: one family each, both namespaces' series under it.</summary>
public sealed class SharedPrefixTests
{
    private const string Format = "\"$request\" $status $body_bytes_sent rt=$request_time";

    [Fact]
    public async Task Two_namespaces_write_each_family_once_with_both_namespaces_series()
    {
        var shop = Namespace("shop", "vhost");
        var blog = Namespace("blog", "vhost");
        var collector = new NamespaceCollector([shop, blog], TimeProvider.System);

        Record(shop, "\"GET /a HTTP/1.1\" 200 100 rt=0.050");
        Record(shop, "\"GET /b HTTP/1.1\" 200 300 rt=0.500");
        Record(blog, "\"POST /c HTTP/1.1\" 201 7 rt=2.000");
        Record(blog, "garbage");

        var page = Page(collector);
        Assert.Equal(
            """
            # HELP http_http_response_count_total Amount of processed HTTP requests
            # TYPE http_http_response_count_total counter
            http_http_response_count_total{method="GET",status="200",vhost="shop"} 2
            http_http_response_count_total{method="POST",status="201",vhost="blog"} 1
            # HELP http_http_response_size_bytes Total amount of transferred bytes
            # TYPE http_http_response_size_bytes counter
            http_http_response_size_bytes{method="GET",status="200",vhost="shop"} 400
            http_http_response_size_bytes{method="POST",status="201",vhost="blog"} 7
            # HELP http_http_response_time_seconds Time needed by NGINX to handle requests
            # TYPE http_http_response_time_seconds histogram
            http_http_response_time_seconds_bucket{method="GET",status="200",vhost="shop",le="0.1"} 1
            http_http_response_time_seconds_bucket{method="GET",status="200",vhost="shop",le="1"} 2
            http_http_response_time_seconds_bucket{method="GET",status="200",vhost="shop",le="+Inf"} 2
            http_http_response_time_seconds_sum{method="GET",status="200",vhost="shop"} 0.55
            http_http_response_time_seconds_count{method="GET",status="200",vhost="shop"} 2
            http_http_response_time_seconds_bucket{method="POST",status="201",vhost="blog",le="0.1"} 0
            http_http_response_time_seconds_bucket{method="POST",status="201",vhost="blog",le="1"} 0
            http_http_response_time_seconds_bucket{method="POST",status="201",vhost="blog",le="+Inf"} 1
            http_http_response_time_seconds_sum{method="POST",status="201",vhost="blog"} 2
            http_http_response_time_seconds_count{method="POST",status="201",vhost="blog"} 1
            # HELP http_parse_errors_total Total number of log file lines that could not be parsed
            # TYPE http_parse_errors_total counter
            http_parse_errors_total{vhost="shop"} 0
            http_parse_errors_total{vhost="blog"} 1
            # HELP http_series_overflow_total Lines counted under the label value __overflow__ because max_series label sets or the namespace's share of the page were reached
            # TYPE http_series_overflow_total counter
            http_series_overflow_total{vhost="shop"} 0
            http_series_overflow_total{vhost="blog"} 0
            # HELP http_label_value_too_long_total Lines whose relabelled value was longer than max_label_bytes, counted under the label value __too_long__
            # TYPE http_label_value_too_long_total counter
            http_label_value_too_long_total{vhost="shop"} 0
            http_label_value_too_long_total{vhost="blog"} 0

            """,
            page);
        await Promtool.CheckMetricsAsync(page);
    }

    [Fact]
    public void Namespaces_with_identical_label_sets_are_refused_in_one_line()
    {
        var error = Assert.Throws<UsageException>(() => SharedPrefix.Check([Namespace("shop", null).Schema, Namespace("blog", null).Schema], "test.yml"));

        Assert.Equal(
            "test.yml: namespaces \"shop\" and \"blog\" share the metric prefix \"http\" with identical label sets; "
            + "set namespace_label in both (or a static label with a different value) to tell them apart",
            error.Message);
    }

    [Fact]
    public void Histograms_with_different_buckets_under_one_name_are_refused()
    {
        var error = Assert.Throws<UsageException>(() => SharedPrefix.Check([Namespace("shop", "vhost").Schema, Namespace("blog", "vhost", [0.5]).Schema], "test.yml"));

        Assert.Contains("but not histogram_buckets: http_http_response_time_seconds would have two bucket layouts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_label_with_different_values_tells_namespaces_apart()
    {
        var shop = Namespace("shop", null, labels: [new("site", "shop")]);
        var blog = Namespace("blog", null, labels: [new("site", "blog")]);

        SharedPrefix.Check([shop.Schema, blog.Schema], "test.yml");
    }

    private static (NamespaceSchema Schema, SeriesStore Store) Namespace(
        string name, string? namespaceLabel, double[]? buckets = null, KeyValuePair<string, string>[]? labels = null)
    {
        var config = new NamespaceConfig
        {
            Name = name,
            Format = Format,
            MetricsPrefix = "http",
            NamespaceLabel = namespaceLabel,
            Labels = labels ?? [],
            HistogramBuckets = buckets ?? [0.1, 1],
            Source = new SourceConfig { Files = ["/tmp/access.log"] },
        };
        var schema = new NamespaceSchema(config, new CompiledFormat(LogFormat.Parse(Format)), "test.yml");
        return (schema, new SeriesStore(schema, null, Serilog.Core.Logger.None));
    }

    private static void Record((NamespaceSchema Schema, SeriesStore Store) ns, string line) =>
        new NamespaceRecorder(ns.Schema, ns.Store, TimeProvider.System, Serilog.Core.Logger.None).OnLine(Encoding.UTF8.GetBytes(line));

    private static string Page(NamespaceCollector collector)
    {
        var buffer = new ArrayBufferWriter<byte>();
        collector.CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
