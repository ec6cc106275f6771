using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/sys/kernel/mm/ksm: the kernel samepage merging daemon's counters and settings, one file each.</summary>
internal sealed class KsmdCollector : INodeCollector
{
    // In node_exporter's order: a file missing or malformed fails the collector.
    private static readonly (string File, MetricFamily Family, double Divisor)[] Files =
    [
        ("full_scans", new("node_ksmd_full_scans_total", "ksmd 'full_scans' file.", MetricType.Counter), 1),
        Gauge("merge_across_nodes"),
        Gauge("pages_shared"),
        Gauge("pages_sharing"),
        Gauge("pages_to_scan"),
        Gauge("pages_unshared"),
        Gauge("pages_volatile"),
        Gauge("run"),
        ("sleep_millisecs", new("node_ksmd_sleep_seconds", "ksmd 'sleep_millisecs' file.", MetricType.Gauge), 1000),
    ];

    public string Name => "ksmd";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("kernel/mm/ksm");
        foreach (var (file, family, divisor) in Files)
        {
            using var buffer = FileBuffer.Read(Path.Combine(root, file));
            var value = ParseValue(buffer.Span);
            writer.WriteSample(family, LabelSet.Empty, value / divisor);
        }

        return true;
    }

    /// <summary>A whole number with blanks around it.</summary>
    /// <exception cref="FormatException">It is not.</exception>
    public static double ParseValue(ReadOnlySpan<byte> text)
    {
        var digits = text.Trim(" \t\r\n\v\f"u8);
        return digits.IsEmpty || digits[0] is (byte)'+' ? throw new FormatException("not a whole number") : Bytes.ParseUInt64(digits);
    }

    private static (string, MetricFamily, double) Gauge(string file) =>
        (file, new MetricFamily("node_ksmd_" + file, $"ksmd '{file}' file.", MetricType.Gauge), 1);
}
