using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/net/ip_vs_stats and /proc/net/ip_vs: the IP Virtual Server's totals, and each real server's
/// connections and weight, summed over the backends that share the labels chosen by
/// --collector.ipvs.backend-labels.
/// </summary>
internal sealed class IpvsCollector : IConfigurableCollector
{
    private const string BackendLabelsFlag = "collector.ipvs.backend-labels";

    /// <summary>Every backend label, in the order node_exporter gives them.</summary>
    private static readonly string[] AllLabels = ["local_address", "local_port", "remote_address", "remote_port", "proto", "local_mark"];

    private static readonly MetricFamily Connections = new("node_ipvs_connections_total", "The total number of connections made.", MetricType.Counter);
    private static readonly MetricFamily IncomingPackets = new("node_ipvs_incoming_packets_total", "The total number of incoming packets.", MetricType.Counter);
    private static readonly MetricFamily OutgoingPackets = new("node_ipvs_outgoing_packets_total", "The total number of outgoing packets.", MetricType.Counter);
    private static readonly MetricFamily IncomingBytes = new("node_ipvs_incoming_bytes_total", "The total amount of incoming data.", MetricType.Counter);
    private static readonly MetricFamily OutgoingBytes = new("node_ipvs_outgoing_bytes_total", "The total amount of outgoing data.", MetricType.Counter);
    private static readonly MetricFamily Active = new("node_ipvs_backend_connections_active", "The current active connections by local and remote address.", MetricType.Gauge);
    private static readonly MetricFamily Inactive = new("node_ipvs_backend_connections_inactive", "The current inactive connections by local and remote address.", MetricType.Gauge);
    private static readonly MetricFamily Weight = new("node_ipvs_backend_weight", "The current backend weight by local and remote address.", MetricType.Gauge);

    private string[] _labels = AllLabels;

    public string Name => "ipvs";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Text(BackendLabelsFlag, "Comma separated list for IPVS backend stats labels.", string.Join(',', AllLabels)));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _labels = ParseLabels(flags.GetString(BackendLabelsFlag));
    }

    /// <summary>The labels named in the flag's value, in node_exporter's order, each once.</summary>
    /// <exception cref="UsageException">A name is not a backend label.</exception>
    public static string[] ParseLabels(string value)
    {
        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in value.Split(','))
        {
            if (label.Length > 0)
            {
                named.Add(label);
            }
        }

        var labels = new List<string>();
        foreach (var label in AllLabels)
        {
            if (named.Remove(label))
            {
                labels.Add(label);
            }
        }

        return named.Count == 0
            ? [.. labels]
            : throw new UsageException($"unknown IPVS backend labels: \"{string.Join(", ", named)}\"");
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var statsPath = paths.Proc("net/ip_vs_stats");
        if (!FileBuffer.TryRead(statsPath, out var statsFile, out var errno))
        {
            // No IPVS on this node: node_exporter reports no data.
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(statsPath, errno);
        }

        using (statsFile)
        {
            var stats = IpvsParser.Stats(statsFile.Span);
            writer.WriteSample(Connections, LabelSet.Empty, stats.Connections);
            writer.WriteSample(IncomingPackets, LabelSet.Empty, stats.IncomingPackets);
            writer.WriteSample(OutgoingPackets, LabelSet.Empty, stats.OutgoingPackets);
            writer.WriteSample(IncomingBytes, LabelSet.Empty, stats.IncomingBytes);
            writer.WriteSample(OutgoingBytes, LabelSet.Empty, stats.OutgoingBytes);
        }

        var backendsPath = paths.Proc("net/ip_vs");
        if (!FileBuffer.TryRead(backendsPath, out var backendsFile, out errno))
        {
            // node_exporter fails here after it has sent the totals, which stay on its page.
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(backendsPath, errno);
        }

        List<IpvsBackend> backends;
        using (backendsFile)
        {
            backends = IpvsParser.Backends(backendsFile.Span);
        }

        Write(backends, _labels, writer);
        return true;
    }

    /// <summary>The backend families, summed per distinct label values, ordered by label values in label-name order.</summary>
    public static void Write(List<IpvsBackend> backends, string[] labels, ExpositionWriter writer)
    {
        // node_exporter sums backends whose label values joined with "-" are the same.
        var sums = new Dictionary<string, (string[] Values, ulong Active, ulong Inactive, ulong Weight)>(StringComparer.Ordinal);
        foreach (var backend in backends)
        {
            var values = new string[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                values[i] = backend.Label(labels[i]);
            }

            var key = string.Join('-', values);
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (values, sum.Active + backend.ActiveConn, sum.Inactive + backend.InactConn, sum.Weight + backend.Weight);
        }

        // Samples ordered by their label values taken in the order of the label names.
        var byName = new int[labels.Length];
        for (var i = 0; i < byName.Length; i++)
        {
            byName[i] = i;
        }

        Array.Sort(byName, (a, b) => string.CompareOrdinal(labels[a], labels[b]));
        var rows = new List<(LabelSet Labels, string[] Values, ulong Active, ulong Inactive, ulong Weight)>(sums.Count);
        foreach (var (values, active, inactive, weight) in sums.Values)
        {
            var pairs = new KeyValuePair<string, string>[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                pairs[i] = new(labels[i], values[i]);
            }

            rows.Add((LabelSet.Create(pairs), values, active, inactive, weight));
        }

        rows.Sort((a, b) =>
        {
            foreach (var i in byName)
            {
                var order = string.CompareOrdinal(a.Values[i], b.Values[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        });
        foreach (var row in rows)
        {
            writer.WriteSample(Active, row.Labels, row.Active);
        }

        foreach (var row in rows)
        {
            writer.WriteSample(Inactive, row.Labels, row.Inactive);
        }

        foreach (var row in rows)
        {
            writer.WriteSample(Weight, row.Labels, row.Weight);
        }
    }
}
