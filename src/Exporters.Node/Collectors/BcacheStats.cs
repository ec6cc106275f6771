namespace Exporters.Node.Collectors;

/// <summary>One cache set of /sys/fs/bcache/&lt;uuid&gt;: its own values (in <see cref="BcacheCollector"/>'s order), backing and cache devices.</summary>
internal sealed record BcacheStats(string Uuid, double[] Values, List<BcacheBackingDevice> Backing, List<BcacheCacheDevice> Caches);

/// <summary>A backing device (bdev&lt;n&gt;): dirty data, writeback_rate_debug's values and its stats_total counters.</summary>
internal sealed record BcacheBackingDevice(string Name, double DirtyData, double Target, double Rate, double Proportional, double Integral, double Change, double[] Totals);

/// <summary>A cache device (cache&lt;n&gt;): errors, bytes written, and priority_stats' percentages when read.</summary>
internal sealed record BcacheCacheDevice(string Name, double IoErrors, double MetadataWritten, double Written, double UnusedPercent, double MetadataPercent);
