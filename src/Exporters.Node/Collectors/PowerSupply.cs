using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>One power supply as read: its name label, its numeric properties (null where it has none) and its info labels.</summary>
internal sealed record PowerSupply(string Name, LabelSet Labels, long?[] Values, LabelSet Info);
