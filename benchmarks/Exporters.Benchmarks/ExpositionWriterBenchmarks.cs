using System.Buffers;
using BenchmarkDotNet.Attributes;
using Exporters.Core.Exposition;

namespace Exporters.Benchmarks;

/// <summary>Writing the stub exporter's eight nginx families into a reused buffer, as one scrape does.</summary>
[MemoryDiagnoser]
public class ExpositionWriterBenchmarks
{
    private static readonly MetricFamily[] Families =
    [
        new("nginx_connections_accepted", "Accepted client connections", MetricType.Counter),
        new("nginx_connections_active", "Active client connections", MetricType.Gauge),
        new("nginx_connections_handled", "Handled client connections", MetricType.Counter),
        new("nginx_connections_reading", "Connections where NGINX is reading the request header", MetricType.Gauge),
        new("nginx_connections_waiting", "Idle client connections", MetricType.Gauge),
        new("nginx_connections_writing", "Connections where NGINX is writing the response back to the client", MetricType.Gauge),
        new("nginx_http_requests_total", "Total http requests", MetricType.Counter),
        new("nginx_up", "Status of the last metric scrape", MetricType.Gauge),
    ];

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly LabelSet _labels = LabelSet.Create([new("addr", "http://127.0.0.1:8080/stub_status"), new("worker", "w1")]);

    [Params(false, true)]
    public bool OpenMetrics { get; set; }

    [Benchmark]
    public int WriteNginxPage()
    {
        _buffer.ResetWrittenCount();
        var writer = new ExpositionWriter(_buffer, OpenMetrics ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004);
        var value = 16630948.0;
        foreach (var family in Families)
        {
            writer.WriteSample(family, _labels, value++);
        }

        writer.WriteEnd();
        return _buffer.WrittenCount;
    }
}
