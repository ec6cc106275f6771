namespace Exporters.Node.Collectors;

/// <summary>What node_exporter reports of one btrfs filesystem from /sys/fs/btrfs/&lt;uuid&gt;; its allocations are data, metadata and system, in that order.</summary>
internal sealed record BtrfsStats(string Uuid, string Label, double GlobalReserveBytes, List<(string Name, double Bytes)> Devices, BtrfsAllocation[] Allocations);

/// <summary>One allocation type (data, metadata, system): its reserved bytes and its layouts.</summary>
internal sealed record BtrfsAllocation(ulong ReservedBytes, List<BtrfsLayout> Layouts);

/// <summary>One layout (single, dup, raid1...) of an allocation type.</summary>
internal sealed record BtrfsLayout(string Mode, ulong TotalBytes, ulong UsedBytes, double Ratio);
