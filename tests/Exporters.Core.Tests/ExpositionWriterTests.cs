using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Core.Tests;

public sealed class ExpositionWriterTests
{
    private static readonly MetricFamily Requests = new("http_requests_total", "Total \"http\" requests\\\nall", MetricType.Counter);
    private static readonly MetricFamily Accepted = new("conn_accepted", "Accepted", MetricType.Counter);
    private static readonly MetricFamily Up = new("up_state", "Up", MetricType.Gauge);
    private static readonly MetricFamily Odd = new("odd", "Odd", MetricType.Untyped);

    [Fact]
    public void Writes_text_004_exactly()
    {
        var labels = LabelSet.Create([new("addr", "a\"b\\c\nd"), new("z", "1")]);

        var page = Write(ExpositionFormat.Text004, writer =>
        {
            writer.WriteSample(Requests, labels, 3);
            writer.WriteSample(Requests, LabelSet.Empty, 1e21);
            writer.WriteSample(Accepted, LabelSet.Empty, 2);
            writer.WriteSample(Up, LabelSet.Empty, 0.25);
            writer.WriteSample(Odd, LabelSet.Empty, double.NaN);
            writer.WriteSample(Odd, labels, double.PositiveInfinity);
            writer.WriteEnd();
        });

        Assert.Equal(
            "# HELP http_requests_total Total \"http\" requests\\\\\\nall\n"
            + "# TYPE http_requests_total counter\n"
            + "http_requests_total{addr=\"a\\\"b\\\\c\\nd\",z=\"1\"} 3\n"
            + "http_requests_total 1e+21\n"
            + "# HELP conn_accepted Accepted\n# TYPE conn_accepted counter\nconn_accepted 2\n"
            + "# HELP up_state Up\n# TYPE up_state gauge\nup_state 0.25\n"
            + "# HELP odd Odd\n# TYPE odd untyped\nodd NaN\nodd{addr=\"a\\\"b\\\\c\\nd\",z=\"1\"} +Inf\n",
            page);
    }

    [Fact]
    public void Writes_openmetrics_with_total_suffixes_and_eof()
    {
        var page = Write(ExpositionFormat.OpenMetrics100, writer =>
        {
            writer.WriteSample(Requests, LabelSet.Empty, 3);
            writer.WriteSample(Accepted, LabelSet.Empty, 2);
            writer.WriteSample(Odd, LabelSet.Empty, -1);
            writer.WriteEnd();
        });

        Assert.Equal(
            "# HELP http_requests Total \\\"http\\\" requests\\\\\\nall\n# TYPE http_requests counter\nhttp_requests_total 3\n"
            + "# HELP conn_accepted Accepted\n# TYPE conn_accepted counter\nconn_accepted_total 2\n"
            + "# HELP odd Odd\n# TYPE odd unknown\nodd -1\n# EOF\n",
            page);
    }

    [Fact]
    public void A_family_without_samples_writes_nothing_and_suffixes_and_extra_labels_follow_the_name()
    {
        var histogram = new MetricFamily("latency_seconds", "Latency", MetricType.Histogram);

        var page = Write(ExpositionFormat.Text004, writer =>
        {
            writer.WriteSample(histogram, "_bucket"u8, LabelSet.Create([new("a", "1")]), "le=\"0.5\""u8, 4);
            writer.WriteSample(histogram, "_bucket"u8, LabelSet.Empty, "le=\"+Inf\""u8, 5);
            writer.WriteSample(histogram, "_count"u8, LabelSet.Empty, default, 5);
        });

        Assert.Equal(
            "# HELP latency_seconds Latency\n# TYPE latency_seconds histogram\n"
            + "latency_seconds_bucket{a=\"1\",le=\"0.5\"} 4\nlatency_seconds_bucket{le=\"+Inf\"} 5\nlatency_seconds_count 5\n",
            page);
        Assert.Equal("", Write(ExpositionFormat.Text004, _ => { }));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("")]
    public void Rejects_invalid_metric_names(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricFamily(name, "h", MetricType.Gauge));

    [Theory]
    [InlineData("__reserved")]
    [InlineData("a:b")]
    [InlineData("1a")]
    public void Rejects_invalid_label_names(string name) =>
        Assert.Throws<ArgumentException>(() => LabelSet.Create([new(name, "v")]));

    [Fact]
    public void Rejects_a_label_given_twice() =>
        Assert.Throws<ArgumentException>(() => LabelSet.Create([new("a", "1"), new("a", "2")]));

    private static string Write(ExpositionFormat format, Action<ExpositionWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ExpositionWriter(buffer, format));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
