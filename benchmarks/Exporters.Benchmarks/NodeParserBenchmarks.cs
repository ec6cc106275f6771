using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Exporters.Core.Exposition;
using Exporters.Node;
using Exporters.Node.Collectors;

namespace Exporters.Benchmarks;

/// <summary>
/// The node exporter's /proc parsers on this repository's fixture files, written as exposition text, and
/// the netclass collector over the fixture tree's /sys/class/net (two devices, files read from disk), and
/// the filesystem collector's mountinfo parser (with node_exporter's default excludes) on this machine's
/// mount table.
/// </summary>
[MemoryDiagnoser]
public class NodeParserBenchmarks
{
    private byte[] _stat = [];
    private byte[] _meminfo = [];
    private byte[] _diskstats = [];
    private byte[] _mountinfo = [];
    private string _classNet = "";
    private readonly NodePaths _paths = new("/proc", "/sys", "/");
    private readonly Regex _mountPointsExclude = new(CollectorOptions.DefaultMountPointsExclude, RegexOptions.CultureInvariant);
    private readonly Regex _fsTypesExclude = new(CollectorOptions.DefaultFsTypesExclude, RegexOptions.CultureInvariant);
    private PooledBufferWriter _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Path.Combine(FindRoot(), "tests", "Exporters.Node.Tests", "fixtures");
        _stat = File.ReadAllBytes(Path.Combine(fixtures, "stat-128cpu"));
        _meminfo = File.ReadAllBytes(Path.Combine(fixtures, "proc", "meminfo"));
        _diskstats = File.ReadAllBytes(Path.Combine(fixtures, "proc", "diskstats"));
        _classNet = Path.Combine(fixtures, "sys", "class", "net");

        // This machine's mount table (the fixture's has only seven lines).
        _mountinfo = File.ReadAllBytes("/proc/self/mounts");
        _buffer = new PooledBufferWriter(256 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Baseline = true)]
    public int Stat128Cpus()
    {
        _buffer.Clear();
        var writer = new ExpositionWriter(_buffer, ExpositionFormat.Text004);
        CpuCollector.Write(_stat, writer);
        StatCollector.Write(_stat, writer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int MemInfo()
    {
        _buffer.Clear();
        MemInfoCollector.Write(_meminfo, new ExpositionWriter(_buffer, ExpositionFormat.Text004));
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int DiskStats()
    {
        _buffer.Clear();
        DiskStatsCollector.Write(_diskstats, new ExpositionWriter(_buffer, ExpositionFormat.Text004));
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int MountInfo() => FilesystemCollector.ParseMounts(_mountinfo, _paths, _mountPointsExclude, _fsTypesExclude).Count;

    [Benchmark]
    public int NetClassFixtureTree()
    {
        _buffer.Clear();
        NetClassCollector.Write(_classNet, new ExpositionWriter(_buffer, ExpositionFormat.Text004));
        return _buffer.WrittenCount;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exporters.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Exporters.sln not found above " + AppContext.BaseDirectory);
    }
}
