using Exporters.Testing;
using YamlDotNet.RepresentationModel;

namespace Deploy.Tests;

/// <summary>deploy/docker-compose.yml parsed, with helpers for the parts the tests look at.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(YamlMappingNode root)
    {
        Root = root;
    }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => (YamlMappingNode)Root["services"];

    public static ComposeFile Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "deploy", "docker-compose.yml"));
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    public IEnumerable<string> ServiceNames => Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        null => [],
        YamlSequenceNode sequence => [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value!)],
        YamlScalarNode scalar => scalar.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => throw new InvalidOperationException($"not a list of strings: {node}"),
    };

    /// <summary>Environment variables of a service, from the mapping form.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        Child(service, "environment") is YamlMappingNode env
            ? env.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!)
            : new Dictionary<string, string>();

    /// <summary>Whether the service is built from a target of deploy/Dockerfile (service-a's stand-in is built from deploy/app).</summary>
    public bool IsSuiteService(string name) => Child(Service(name), "build") is YamlMappingNode build && Child(build, "target") is not null;

    /// <summary>
    /// The port a service listens on: its --web.listen-address flag, the merger's MERGER_PORT, or the one
    /// port it exposes.
    /// </summary>
    public int ListenPort(string name)
    {
        var service = Service(name);
        var listen = Strings(Child(service, "command")).FirstOrDefault(a => a.StartsWith("--web.listen-address=", StringComparison.Ordinal));
        if (listen is not null)
        {
            return int.Parse(listen[(listen.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Environment(service).TryGetValue("MERGER_PORT", out var port))
        {
            return int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        }

        var exposed = Strings(Child(service, "expose"));
        Assert.True(exposed.Count == 1, $"{name}: no listen address, MERGER_PORT or single exposed port");
        return int.Parse(exposed[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
