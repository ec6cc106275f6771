using Exporters.Core.Configuration;

namespace Exporters.Node;

/// <summary>
/// The collectors of node_exporter 1.5 this exporter does not have, with their flags: each is accepted
/// when it asks for nothing (<c>--no-collector.systemd</c>), and refused with one line saying what is
/// missing when it asks for the collector or sets one of its options.
/// </summary>
internal static class MissingCollectors
{
    private static readonly (string Name, string Why, string[] BoolFlags, string[] TextFlags)[] Collectors =
    [
        ("drm", "it reads GPU data through libdrm", [], []),
        ("ethtool", "it needs the ethtool ioctl", [], ["device-exclude", "device-include", "metrics-include"]),
        ("logind", "it needs D-Bus", [], []),
        ("ntp", "it queries an NTP server", ["server-is-local"], ["ip-ttl", "local-offset-tolerance", "max-distance", "protocol-version", "server", "server-port"]),
        ("perf", "it needs perf events", [], ["cpus", "tracepoint"]),
        ("qdisc", "it needs netlink's traffic-control dump", [], ["fixtures", "collector.qdisk.device-include", "collector.qdisk.device-exclude"]),
        ("runit", "runit supervision is not read", [], ["servicedir"]),
        ("supervisord", "it needs supervisord's XML-RPC", [], ["url"]),
        ("systemd", "it needs D-Bus", ["enable-restarts-metrics", "enable-start-time-metrics", "enable-task-metrics"], ["unit-exclude", "unit-include"]),
        ("wifi", "it needs nl80211 netlink", [], ["fixtures"]),
    ];

    public static void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        foreach (var (name, why, boolFlags, textFlags) in Collectors)
        {
            flags.Add(CollectorFlags.Bool("collector." + name, $"Not available in this exporter ({why}); only --no-collector.{name} is accepted.", false));
            foreach (var option in boolFlags)
            {
                flags.Add(CollectorFlags.Bool($"collector.{name}.{option}", $"Option of the {name} collector, which this exporter does not have.", false));
            }

            foreach (var option in textFlags)
            {
                flags.Add(CollectorFlags.Text(FlagName(name, option), $"Option of the {name} collector, which this exporter does not have.", ""));
            }
        }
    }

    /// <exception cref="UsageException">One of these collectors is asked for, or one of their options is set.</exception>
    public static void Check(FlagValues flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        foreach (var (name, why, boolFlags, textFlags) in Collectors)
        {
            if (flags.GetBool("collector." + name))
            {
                throw new UsageException($"--collector.{name} is not supported by this exporter ({why}); remove it or use --no-collector.{name}");
            }

            foreach (var option in boolFlags.Concat(textFlags))
            {
                var flag = FlagName(name, option);
                if (flags.IsExplicit(flag))
                {
                    throw new UsageException($"--{flag} is not supported: this exporter has no {name} collector ({why})");
                }
            }
        }
    }

    /// <summary>An option's flag: collector.&lt;name&gt;.&lt;option&gt;, or the option itself where node_exporter spells it otherwise.</summary>
    private static string FlagName(string collector, string option) =>
        option.StartsWith("collector.", StringComparison.Ordinal) ? option : $"collector.{collector}.{option}";
}
