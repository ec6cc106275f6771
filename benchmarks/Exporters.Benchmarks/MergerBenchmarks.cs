using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Benchmarks;

/// <summary>
/// Parsing, merging and writing a generated node-exporter-like page of about 57 KB (gauges, counters
/// with labels, histograms, HELP with escapes), plus a small second page, as one merger scrape does.
/// </summary>
[MemoryDiagnoser]
public class MergerBenchmarks
{
    private readonly PooledBufferWriter _output = new(128 * 1024);
    private byte[] _node = [];
    private byte[] _small = [];

    // Each upstream's header lines from its last page, as the merger keeps them between scrapes.
    private readonly HeaderMemory _nodeHeaders = new();
    private readonly HeaderMemory _smallHeaders = new();

    [Params(false, true)]
    public bool OpenMetrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _node = Encoding.UTF8.GetBytes(NodePage());
        _small = Encoding.UTF8.GetBytes("# HELP nginx_up Status of the last metric scrape\n# TYPE nginx_up gauge\nnginx_up 1\n"
            + "# HELP nginx_http_requests_total Total http requests\n# TYPE nginx_http_requests_total counter\nnginx_http_requests_total 12345\n");
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark]
    public int ParseOnly()
    {
        ExpositionParser.TryParse(_node, _node.Length, openMetrics: false, pooled: false, out var page, out _);
        using (page)
        {
            return page!.SampleCount;
        }
    }

    [Benchmark(Baseline = true)]
    public int ParseMergeWrite()
    {
        ExpositionParser.TryParse(_node, _node.Length, openMetrics: false, pooled: false, out var node, out _, _nodeHeaders);
        ExpositionParser.TryParse(_small, _small.Length, openMetrics: false, pooled: false, out var small, out _, _smallHeaders);
        using (node)
        using (small)
        using (var merger = new PageMerger(static _ => false, static (_, _, _) => { }))
        {
            merger.Add(new MergeSource("node", node!, UpstreamLabels.Empty));
            merger.Add(new MergeSource("nginx", small!, UpstreamLabels.Empty));
            merger.Complete();
            _output.Clear();
            MergedPageWriter.Write(merger.Families, _output, OpenMetrics ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004);
            return _output.WrittenCount;
        }
    }

    private static string NodePage()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n");
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
        for (var cpu = 0; cpu < 8; cpu++)
        {
            foreach (var mode in modes)
            {
                text.Append(c, $"node_cpu_seconds_total{{cpu=\"{cpu}\",mode=\"{mode}\"}} {cpu * 1234.56 + mode.Length * 17.25}\n");
            }
        }

        for (var f = 0; f < 60; f++)
        {
            text.Append(c, $"# HELP node_memory_Field{f}_bytes Memory information field Field{f}_bytes.\n# TYPE node_memory_Field{f}_bytes gauge\n");
            text.Append(c, $"node_memory_Field{f}_bytes {f * 1048576.0 + 4096}\n");
        }

        string[] devices = ["eth0", "lo", "docker0", "veth1a2b3c"];
        foreach (var metric in new[] { "receive_bytes", "receive_packets", "receive_errs", "receive_drop", "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop" })
        {
            text.Append(c, $"# HELP node_network_{metric}_total Network device statistic {metric}.\n# TYPE node_network_{metric}_total counter\n");
            foreach (var device in devices)
            {
                text.Append(c, $"node_network_{metric}_total{{device=\"{device}\"}} {device.Length * 98765.0}\n");
            }
        }

        string[] disks = ["sda", "sdb", "nvme0n1", "dm-0"];
        foreach (var metric in new[] { "reads_completed", "writes_completed", "read_bytes", "written_bytes", "io_time_seconds", "read_time_seconds", "write_time_seconds" })
        {
            text.Append(c, $"# HELP node_disk_{metric}_total The total number of {metric}.\n# TYPE node_disk_{metric}_total counter\n");
            foreach (var disk in disks)
            {
                text.Append(c, $"node_disk_{metric}_total{{device=\"{disk}\"}} {disk.Length * 4242.5}\n");
            }
        }

        string[] mounts = ["/", "/boot", "/var/lib/docker", "/run", "/dev/shm"];
        foreach (var metric in new[] { "avail_bytes", "free_bytes", "size_bytes", "files", "files_free", "readonly", "device_error" })
        {
            text.Append(c, $"# HELP node_filesystem_{metric} Filesystem {metric}.\n# TYPE node_filesystem_{metric} gauge\n");
            foreach (var mount in mounts)
            {
                text.Append(c, $"node_filesystem_{metric}{{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"{mount}\"}} {mount.Length * 1e9}\n");
            }
        }

        for (var h = 0; h < 6; h++)
        {
            text.Append(c, $"# HELP node_scrape_latency_{h}_seconds A histogram with \\\\ and \\n in its help.\n# TYPE node_scrape_latency_{h}_seconds histogram\n");
            var cumulative = 0;
            foreach (var le in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" })
            {
                cumulative += 3;
                text.Append(c, $"node_scrape_latency_{h}_seconds_bucket{{collector=\"c{h}\",le=\"{le}\"}} {cumulative}\n");
            }

            text.Append(c, $"node_scrape_latency_{h}_seconds_sum{{collector=\"c{h}\"}} 12.5\nnode_scrape_latency_{h}_seconds_count{{collector=\"c{h}\"}} {cumulative}\n");
        }

        for (var i = 0; text.Length < 57 * 1024; i++)
        {
            text.Append(c, $"# HELP node_textfile_metric_{i} A textfile collector metric.\n# TYPE node_textfile_metric_{i} gauge\n");
            text.Append(c, $"node_textfile_metric_{i}{{file=\"app{i}.prom\",path=\"/var/lib/node_exporter/textfile\"}} {i * 0.125}\n");
        }

        return text.ToString();
    }
}
