namespace Exporters.Node.Collectors;

/// <summary>One block of /proc/zoneinfo: a zone of a NUMA node, the counters it lists and its protection array.</summary>
internal sealed class ZoneInfo
{
    public ZoneInfo(int fieldCount)
    {
        Values = new long?[fieldCount];
    }

    public string Node { get; set; } = "";

    public string Zone { get; set; } = "";

    /// <summary>The value of each of <see cref="ZoneInfoCollector"/>'s fields, null when the block lacks it.</summary>
    public long?[] Values { get; }

    public long[]? Protection { get; set; }
}
