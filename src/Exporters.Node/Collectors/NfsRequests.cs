using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>The method and proto labels of the NFS request families, in the order node_exporter lists them.</summary>
internal static class NfsRequests
{
    /// <summary>
    /// Every (method, proto) pair of <paramref name="methods"/> (one list per version, a null name for a value
    /// not exported), ordered by method then proto, with the version's position and the value's index.
    /// </summary>
    public static (LabelSet Labels, int Version, int Index)[] Order(string?[][] methods, string[] protos)
    {
        var pairs = new List<(string Method, string Proto, int Version, int Index)>();
        for (var version = 0; version < methods.Length; version++)
        {
            for (var index = 0; index < methods[version].Length; index++)
            {
                if (methods[version][index] is { } method)
                {
                    pairs.Add((method, protos[version], version, index));
                }
            }
        }

        pairs.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Method, b.Method);
            return order != 0 ? order : string.CompareOrdinal(a.Proto, b.Proto);
        });
        var order = new (LabelSet, int, int)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            order[i] = (LabelSet.Create([new("method", pairs[i].Method), new("proto", pairs[i].Proto)]), pairs[i].Version, pairs[i].Index);
        }

        return order;
    }
}
