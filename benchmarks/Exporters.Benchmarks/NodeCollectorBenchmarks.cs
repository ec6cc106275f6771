using BenchmarkDotNet.Attributes;
using Exporters.Core.Exposition;
using Exporters.Node;

namespace Exporters.Benchmarks;

/// <summary>
/// Each node collector as one scrape runs it, over this machine's /proc and /sys (so the figures depend
/// on the machine), and all of them in a row as NodeCollector runs them. Allocated bytes are what a scrape
/// leaves to the garbage collector; the time includes the kernel's work of producing the files.
/// </summary>
[MemoryDiagnoser]
public class NodeCollectorBenchmarks
{
    private readonly NodePaths _paths = new("/proc", "/sys", "/");
    private INodeCollector _collector = null!;
    private NodeCollector _all = null!;
    private PooledBufferWriter _buffer = null!;
    private string _textfiles = "";

    [Params("all", "arp", "conntrack", "cpu", "diskstats", "entropy", "filefd", "filesystem", "loadavg", "meminfo", "netclass", "netdev", "netstat", "os", "pressure", "schedstat", "sockstat", "softnet", "stat", "textfile", "thermal_zone", "time", "timex", "uname", "vmstat")]
    public string Collector { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        _textfiles = Directory.CreateTempSubdirectory("node-bench-").FullName;
        var collectors = CollectorRegistry.All(TimeProvider.System, new CollectorOptions { TextfileDirectory = _textfiles });
        _all = new NodeCollector(collectors, _paths, null, Serilog.Core.Logger.None);
        _collector = collectors.FirstOrDefault(c => c.Name == Collector) ?? collectors[0];
        _buffer = new PooledBufferWriter(256 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _buffer.Dispose();
        Directory.Delete(_textfiles, recursive: true);
    }

    [Benchmark]
    public int Scrape()
    {
        _buffer.Clear();
        var writer = new ExpositionWriter(_buffer, ExpositionFormat.Text004);
        if (Collector == "all")
        {
            _all.CollectAsync(writer, CancellationToken.None).GetAwaiter().GetResult();
        }
        else
        {
            _collector.Update(_paths, writer);
        }

        return _buffer.WrittenCount;
    }
}
