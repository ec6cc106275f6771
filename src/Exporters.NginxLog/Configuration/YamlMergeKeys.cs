using YamlDotNet.RepresentationModel;

namespace Exporters.NginxLog.Configuration;

/// <summary>
/// Applies YAML merge keys (<c>&lt;&lt;: *defaults</c>), which Go's YAML decoder honours: the merged mapping's
/// entries are added to the mapping holding the key unless it sets them itself.
/// </summary>
internal static class YamlMergeKeys
{
    public const string MergeKey = "<<";

    public static void Apply(YamlNode root) => Apply(root, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));

    private static void Apply(YamlNode node, HashSet<YamlNode> done)
    {
        if (!done.Add(node))
        {
            return;
        }

        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Apply(item, done);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var value in mapping.Children.Values)
                {
                    Apply(value, done);
                }

                Merge(mapping);
                break;
            default:
                break;
        }
    }

    private static void Merge(YamlMappingNode mapping)
    {
        var mergeKey = new YamlScalarNode(MergeKey);
        if (!mapping.Children.TryGetValue(mergeKey, out var merged))
        {
            return;
        }

        // Only mappings (or a list of them) can be merged; anything else stays and is reported as an unknown key.
        var sources = merged switch
        {
            YamlMappingNode single => [single],
            YamlSequenceNode list when list.Children.All(item => item is YamlMappingNode) => list.Children.Cast<YamlMappingNode>().ToList(),
            _ => null,
        };
        if (sources is null)
        {
            return;
        }

        mapping.Children.Remove(mergeKey);

        // Earlier sources win over later ones, and the mapping's own keys over all of them.
        foreach (var source in sources)
        {
            foreach (var (key, value) in source.Children)
            {
                if (!mapping.Children.ContainsKey(key))
                {
                    mapping.Children.Add(key, value);
                }
            }
        }
    }
}
