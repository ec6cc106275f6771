namespace Exporters.Node.Collectors;

/// <summary>One port of an InfiniBand device: its state, physical state, rate, and the counters it has (null where a file is absent or unreadable).</summary>
internal sealed record InfiniBandPort(string Device, string Port, uint State, uint PhysicalState, ulong Rate, ulong?[] Counters);
