using System.Globalization;
using System.Text;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/fs/bcache/&lt;uuid&gt;: each cache set's btree and cache statistics, its backing devices' dirty data,
/// writeback rate and totals, and its cache devices' errors and writes; with
/// --collector.bcache.priorityStats also each cache device's priority_stats (expensive for the kernel).
/// Every file node_exporter reads must be there and well formed, or the collector fails.
/// </summary>
internal sealed class BcacheCollector : IConfigurableCollector
{
    private const string PriorityStatsFlag = "collector.bcache.priorityStats";

    // The cache set's files and their families, in family-name order.
    private static readonly (string File, MetricFamily Family, double Scale)[] SetValues =
    [
        ("internal/active_journal_entries", Gauge("active_journal_entries", "Number of journal entries that are newer than the index."), 1),
        ("average_key_size", Gauge("average_key_size_sectors", "Average data per key in the btree (sectors)."), 1),
        ("btree_cache_size", Gauge("btree_cache_size_bytes", "Amount of memory currently used by the btree cache."), 1),
        ("internal/btree_nodes", Gauge("btree_nodes", "Total nodes in the btree."), 1),
        ("internal/btree_read_average_duration_us", Gauge("btree_read_average_duration_seconds", "Average btree read duration."), 1e-9),
        ("cache_available_percent", Gauge("cache_available_percent", "Percentage of cache device without dirty data, usable for writeback (may contain clean cached data)."), 1),
        ("internal/cache_read_races", Counter("cache_read_races_total", "Counts instances where while data was being read from the cache, the bucket was reused and invalidated - i.e. where the pointer was stale after the read completed."), 1),
        ("congested", Gauge("congested", "Congestion."), 1),
        ("root_usage_percent", Gauge("root_usage_percent", "Percentage of the root btree node in use (tree depth increases if too high)."), 1),
        ("tree_depth", Gauge("tree_depth", "Depth of the btree."), 1),
    ];

    // The files of stats_five_minute and stats_total, in the order node_exporter reads them.
    private static readonly string[] PeriodFiles = ["bypassed", "cache_bypass_hits", "cache_bypass_misses", "cache_hits", "cache_miss_collisions", "cache_misses", "cache_readaheads"];

    private static readonly MetricFamily[] PeriodFamilies =
    [
        Counter("bypassed_bytes_total", "Amount of IO (both reads and writes) that has bypassed the cache."),
        Counter("cache_bypass_hits_total", "Hits for IO intended to skip the cache."),
        Counter("cache_bypass_misses_total", "Misses for IO intended to skip the cache."),
        Counter("cache_hits_total", "Hits counted per individual IO as bcache sees them."),
        Counter("cache_miss_collisions_total", "Instances where data insertion from cache miss raced with write (data already present)."),
        Counter("cache_misses_total", "Misses counted per individual IO as bcache sees them."),
        Counter("cache_readaheads_total", "Count of times readahead occurred."),
    ];

    private static readonly MetricFamily DirtyData = Gauge("dirty_data_bytes", "Amount of dirty data for this backing device in the cache.");
    private static readonly MetricFamily DirtyTarget = Gauge("dirty_target_bytes", "Current dirty data target threshold for this backing device in bytes.");
    private static readonly MetricFamily WritebackChange = Gauge("writeback_change", "Last writeback rate change step for this backing device.");
    private static readonly MetricFamily WritebackRate = Gauge("writeback_rate", "Current writeback rate for this backing device in bytes.");
    private static readonly MetricFamily IntegralTerm = Gauge("writeback_rate_integral_term", "Current result of integral controller, part of writeback rate");
    private static readonly MetricFamily ProportionalTerm = Gauge("writeback_rate_proportional_term", "Current result of proportional controller, part of writeback rate");
    private static readonly MetricFamily IoErrors = Gauge("io_errors", "Number of errors that have occurred, decayed by io_error_halflife.");
    private static readonly MetricFamily MetadataWritten = Counter("metadata_written_bytes_total", "Sum of all non data writes (btree writes and all other metadata).");
    private static readonly MetricFamily Written = Counter("written_bytes_total", "Sum of all data that has been written to the cache.");
    private static readonly MetricFamily MetadataPercent = Gauge("priority_stats_metadata_percent", "Bcache's metadata overhead.");
    private static readonly MetricFamily UnusedPercent = Gauge("priority_stats_unused_percent", "The percentage of the cache that doesn't contain any data.");

    private bool _priorityStats;

    public string Name => "bcache";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Bool(PriorityStatsFlag, "Expose expensive priority stats.", false));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _priorityStats = flags.GetBool(PriorityStatsFlag);
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("fs/bcache");
        if (!Directory.Exists(root))
        {
            return true;
        }

        var sets = new List<BcacheStats>();
        foreach (var directory in Sorted(Directory.GetFileSystemEntries(root, "*-*")))
        {
            sets.Add(ReadSet(directory, _priorityStats));
        }

        Write(sets, _priorityStats, writer);
        return true;
    }

    /// <summary>The families, each with its samples ordered by label values as node_exporter lists them.</summary>
    public static void Write(List<BcacheStats> sets, bool priorityStats, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(writer);
        sets.Sort(static (a, b) => string.CompareOrdinal(a.Uuid, b.Uuid));
        var backing = new List<(string Uuid, BcacheBackingDevice Device)>();
        var caches = new List<(string Uuid, BcacheCacheDevice Device)>();
        foreach (var set in sets)
        {
            backing.AddRange(set.Backing.ConvertAll(d => (set.Uuid, d)));
            caches.AddRange(set.Caches.ConvertAll(d => (set.Uuid, d)));
        }

        backing.Sort(static (a, b) => Compare(a.Device.Name, a.Uuid, b.Device.Name, b.Uuid));
        caches.Sort(static (a, b) => Compare(a.Device.Name, a.Uuid, b.Device.Name, b.Uuid));

        WriteSet(sets, 0, SetValues.Length, writer);
        for (var p = 0; p < PeriodFamilies.Length; p++)
        {
            WritePeriod(backing, p, writer);
        }

        WriteBacking(backing, DirtyData, static d => d.DirtyData, writer);
        WriteBacking(backing, DirtyTarget, static d => d.Target, writer);
        WriteBacking(backing, WritebackChange, static d => d.Change, writer);
        WriteBacking(backing, WritebackRate, static d => d.Rate, writer);
        WriteBacking(backing, IntegralTerm, static d => d.Integral, writer);
        WriteBacking(backing, ProportionalTerm, static d => d.Proportional, writer);
        WriteCache(caches, IoErrors, static d => d.IoErrors, writer);
        WriteCache(caches, MetadataWritten, static d => d.MetadataWritten, writer);
        if (priorityStats)
        {
            WriteCache(caches, MetadataPercent, static d => d.MetadataPercent, writer);
            WriteCache(caches, UnusedPercent, static d => d.UnusedPercent, writer);
        }

        WriteCache(caches, Written, static d => d.Written, writer);
    }

    /// <summary>priority_stats' unused and metadata percentages ("Unused: 99%", "Metadata: 1%").</summary>
    /// <exception cref="FormatException">One of those lines has no whole number.</exception>
    public static (ulong Unused, ulong Metadata) ParsePriorityStats(string text)
    {
        ulong unused = 0;
        ulong metadata = 0;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("Unused:", StringComparison.Ordinal))
            {
                unused = Percent(line);
            }
            else if (line.StartsWith("Metadata:", StringComparison.Ordinal))
            {
                metadata = Percent(line);
            }
        }

        return (unused, metadata);
    }

    /// <summary>writeback_rate_debug's rate, target, proportional, integral and change; dirty and next io are checked too.</summary>
    /// <exception cref="FormatException">A value is not a number.</exception>
    public static (double Rate, double Target, double Proportional, double Integral, double Change) ParseWritebackRateDebug(string text)
    {
        double rate = 0, target = 0, proportional = 0, integral = 0, change = 0;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("rate:", StringComparison.Ordinal))
            {
                rate = BcacheValues.Dehumanize(TrimEnd(LastField(line), "/sec"));
            }
            else if (line.StartsWith("dirty:", StringComparison.Ordinal))
            {
                _ = BcacheValues.Dehumanize(LastField(line));
            }
            else if (line.StartsWith("target:", StringComparison.Ordinal))
            {
                target = BcacheValues.Dehumanize(LastField(line));
            }
            else if (line.StartsWith("proportional:", StringComparison.Ordinal))
            {
                proportional = BcacheValues.DehumanizeSigned(LastField(line));
            }
            else if (line.StartsWith("integral:", StringComparison.Ordinal))
            {
                integral = BcacheValues.DehumanizeSigned(LastField(line));
            }
            else if (line.StartsWith("change:", StringComparison.Ordinal))
            {
                change = BcacheValues.DehumanizeSigned(TrimEnd(LastField(line), "/sec"));
            }
            else if (line.StartsWith("next io:", StringComparison.Ordinal)
                && !long.TryParse(TrimEnd(LastField(line), "ms"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"\"{line}\" has no number of milliseconds");
            }
        }

        return (rate, target, proportional, integral, change);
    }

    private static BcacheStats ReadSet(string directory, bool priorityStats)
    {
        var values = new double[SetValues.Length];
        for (var i = 0; i < SetValues.Length; i++)
        {
            values[i] = ReadValue(directory, SetValues[i].File) * SetValues[i].Scale;
        }

        ReadPeriod(Path.Combine(directory, "stats_five_minute"));
        ReadPeriod(Path.Combine(directory, "stats_total"));

        var backing = new List<BcacheBackingDevice>();
        foreach (var device in Sorted(Directory.GetFileSystemEntries(directory, "bdev*")))
        {
            if (!IsDigit(device, "bdev"))
            {
                continue;
            }

            var dirty = ReadValue(device, "dirty_data");
            var debug = ParseWritebackRateDebug(ReadText(Path.Combine(device, "writeback_rate_debug")));
            ReadPeriod(Path.Combine(device, "stats_five_minute"));
            var totals = ReadPeriod(Path.Combine(device, "stats_total"));
            backing.Add(new BcacheBackingDevice(Path.GetFileName(device), dirty, debug.Target, debug.Rate, debug.Proportional, debug.Integral, debug.Change, totals));
        }

        var caches = new List<BcacheCacheDevice>();
        foreach (var device in Sorted(Directory.GetFileSystemEntries(directory, "cache*")))
        {
            if (!IsDigit(device, "cache"))
            {
                continue;
            }

            var errors = ReadValue(device, "io_errors");
            var metadata = ReadValue(device, "metadata_written");
            var written = ReadValue(device, "written");
            var priority = priorityStats ? ParsePriorityStats(ReadText(Path.Combine(device, "priority_stats"))) : default;
            caches.Add(new BcacheCacheDevice(Path.GetFileName(device), errors, metadata, written, priority.Unused, priority.Metadata));
        }

        return new BcacheStats(Path.GetFileName(directory), values, backing, caches);
    }

    private static double[] ReadPeriod(string directory)
    {
        var values = new double[PeriodFiles.Length];
        for (var i = 0; i < PeriodFiles.Length; i++)
        {
            values[i] = ReadValue(directory, PeriodFiles[i]);
        }

        return values;
    }

    private static double ReadValue(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        using var buffer = FileBuffer.Read(path);
        try
        {
            return BcacheValues.ParseFile(buffer.Span);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static string ReadText(string path)
    {
        using var buffer = FileBuffer.Read(path);
        return Encoding.UTF8.GetString(buffer.Span);
    }

    private static string[] Sorted(string[] paths)
    {
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    // The glob's [0-9] after the prefix; .NET's pattern has no character classes.
    private static bool IsDigit(string path, string prefix)
    {
        var name = Path.GetFileName(path);
        return name.Length > prefix.Length && char.IsAsciiDigit(name[prefix.Length]);
    }

    private static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        return lines;
    }

    private static string LastField(string line)
    {
        var fields = line.Split([' ', '\t', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return fields[^1];
    }

    private static string TrimEnd(string text, string suffix) => text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;

    private static ulong Percent(string line)
    {
        var value = TrimEnd(LastField(line), "%");
        return value.Length > 0 && value.All(char.IsAsciiDigit) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            ? percent
            : throw new FormatException($"\"{line}\" has no whole percentage");
    }

    private static void WriteSet(List<BcacheStats> sets, int from, int to, ExpositionWriter writer)
    {
        for (var v = from; v < to; v++)
        {
            foreach (var set in sets)
            {
                writer.WriteSample(SetValues[v].Family, LabelSet.Create([new("uuid", set.Uuid)]), set.Values[v]);
            }
        }
    }

    private static void WritePeriod(List<(string Uuid, BcacheBackingDevice Device)> backing, int index, ExpositionWriter writer)
    {
        foreach (var (uuid, device) in backing)
        {
            writer.WriteSample(PeriodFamilies[index], BackingLabels(device.Name, uuid), device.Totals[index]);
        }
    }

    private static void WriteBacking(List<(string Uuid, BcacheBackingDevice Device)> backing, MetricFamily family, Func<BcacheBackingDevice, double> value, ExpositionWriter writer)
    {
        foreach (var (uuid, device) in backing)
        {
            writer.WriteSample(family, BackingLabels(device.Name, uuid), value(device));
        }
    }

    private static void WriteCache(List<(string Uuid, BcacheCacheDevice Device)> caches, MetricFamily family, Func<BcacheCacheDevice, double> value, ExpositionWriter writer)
    {
        foreach (var (uuid, device) in caches)
        {
            writer.WriteSample(family, LabelSet.Create([new("cache_device", device.Name), new("uuid", uuid)]), value(device));
        }
    }

    private static LabelSet BackingLabels(string name, string uuid) => LabelSet.Create([new("backing_device", name), new("uuid", uuid)]);

    private static int Compare(string a1, string a2, string b1, string b2)
    {
        var first = string.CompareOrdinal(a1, b1);
        return first != 0 ? first : string.CompareOrdinal(a2, b2);
    }

    private static MetricFamily Gauge(string name, string help) => new("node_bcache_" + name, help, MetricType.Gauge);

    private static MetricFamily Counter(string name, string help) => new("node_bcache_" + name, help, MetricType.Counter);
}
