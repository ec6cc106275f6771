using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// The node's unicast routes of every table and family, from an rtnetlink dump as node_exporter 1.5 reads
/// it: one info sample per route (per next hop of a multipath route) and the number of routes per device.
/// </summary>
internal sealed class NetworkRouteCollector : INodeCollector
{
    private static readonly MetricFamily Info = new("node_network_route_info", "network routing table information", MetricType.Gauge);
    private static readonly MetricFamily Routes = new("node_network_routes", "network routes by interface", MetricType.Gauge);
    private static readonly LabelCache Devices = new("device");

    public string Name => "network_route";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var links = new LinkNames { Names = [] };
        var routes = new RouteList { Routes = [] };
        using (var socket = NetlinkSocket.Open(NetlinkSocket.RouteProtocol))
        {
            socket.Dump(RouteMessages.GetLink, stackalloc byte[RouteMessages.IfInfoSize], ref links);
            socket.Dump(RouteMessages.GetRoute, stackalloc byte[RouteMessages.RtMsgSize], ref routes);
        }

        Write(links.Names, routes.Routes, writer);
        return true;
    }

    /// <summary>
    /// Both families, samples ordered by their label values (by label name), a label set seen again left
    /// out after its first sample as node_exporter's registry drops it.
    /// </summary>
    public static void Write(Dictionary<int, string> links, List<RouteMessages.RawRoute> raw, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(raw);
        var routes = new List<(string[] Values, int Order)>(raw.Count);
        var perDevice = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in raw)
        {
            var device = links.TryGetValue(route.Interface, out var name) ? name : "";
            routes.Add(([route.Dest, device, route.Gateway, route.Priority, route.Proto, route.Src, route.Weight], routes.Count));
            perDevice[device] = perDevice.GetValueOrDefault(device) + 1;
        }

        routes.Sort(static (a, b) =>
        {
            for (var i = 0; i < a.Values.Length; i++)
            {
                var byLabel = string.CompareOrdinal(a.Values[i], b.Values[i]);
                if (byLabel != 0)
                {
                    return byLabel;
                }
            }

            return a.Order.CompareTo(b.Order);
        });
        string[]? previous = null;
        foreach (var (values, _) in routes)
        {
            if (previous is not null && values.AsSpan().SequenceEqual(previous))
            {
                continue;
            }

            previous = values;
            writer.WriteSample(Info, LabelSet.Create([new("dest", values[0]), new("device", values[1]), new("gw", values[2]), new("priority", values[3]), new("proto", values[4]), new("src", values[5]), new("weight", values[6])]), 1);
        }

        var devices = new List<string>(perDevice.Keys);
        devices.Sort(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            writer.WriteSample(Routes, Devices.Get(device), perDevice[device]);
        }
    }

    private struct LinkNames : INetlinkHandler
    {
        public Dictionary<int, string> Names;

        public readonly void Message(ushort type, ReadOnlySpan<byte> payload) => RouteMessages.ReadLink(type, payload, Names);
    }

    private struct RouteList : INetlinkHandler
    {
        public List<RouteMessages.RawRoute> Routes;

        public readonly void Message(ushort type, ReadOnlySpan<byte> payload) => RouteMessages.ReadRoute(type, payload, Routes);
    }
}
