namespace Exporters.Node.Collectors;

/// <summary>One host of /sys/class/fc_host: its attributes in node_fibrechannel_info's label order (by name), and its statistics counters.</summary>
internal sealed record FibreChannelHost(string[] Info, ulong[] Counters);
