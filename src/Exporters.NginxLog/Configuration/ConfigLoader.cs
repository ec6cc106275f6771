using System.Globalization;
using Exporters.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Exporters.NginxLog.Configuration;

/// <summary>
/// Loads prometheus-nginxlog-exporter's YAML configuration files, and builds the configuration of its quick mode
/// (a format, a namespace and files on the command line). Every problem is a <see cref="UsageException"/> with
/// one line naming the file, the line and the namespace.
/// </summary>
internal static class ConfigLoader
{
    public const string ListenAddressFlag = "web.listen-address";
    public const string TelemetryPathFlag = "web.telemetry-path";

    /// <summary>The port this exporter listens on when the file gives an address but no port.</summary>
    public const int DefaultPort = 9114;

    private static readonly string[] TopLevelKeys = ["namespaces", "listen", "enable_experimental", "enableexperimentalfeatures", "consul"];
    private static readonly string[] ListenKeys = ["port", "address", "metrics_endpoint"];
    private static readonly string[] ConsulKeys = ["enable", "address", "datacenter", "scheme", "token", "service"];
    private static readonly string[] ConsulServiceKeys = ["id", "name", "address", "tags"];

    public static LoadedConfig LoadFile(string path)
    {
        if (path.EndsWith(".hcl", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"{path}: HCL configuration files are not supported; write the same settings as YAML");
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{path}: cannot read the configuration file: {e.Message}", e);
        }

        return Parse(yaml, path);
    }

    public static LoadedConfig Parse(string yaml, string fileName)
    {
        var values = new YamlValues(fileName);
        var root = ReadDocument(yaml, fileName);
        if (root is null || YamlValues.IsNull(root))
        {
            throw values.Error(null, "the configuration is empty; it needs a namespaces list");
        }

        var entries = values.Entries(root, "the configuration", "at the top level", TopLevelKeys);
        foreach (var key in (ReadOnlySpan<string>)["enable_experimental", "enableexperimentalfeatures"])
        {
            if (entries.TryGetValue(key, out var flag))
            {
                _ = values.Bool(flag, key);
            }
        }

        if (entries.TryGetValue("consul", out var consul))
        {
            CheckConsul(values, consul);
        }

        var flagDefaults = entries.TryGetValue("listen", out var listen)
            ? ReadListen(values, listen)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        if (!entries.TryGetValue("namespaces", out var namespacesNode))
        {
            throw values.Error(root, "missing required key \"namespaces\"");
        }

        var sequence = values.Sequence(namespacesNode, "namespaces");
        if (sequence.Children.Count == 0)
        {
            throw values.Error(namespacesNode, "namespaces: must hold at least one namespace");
        }

        var namespaces = new List<NamespaceConfig>();
        var positionFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var listeners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var ns = NamespaceLoader.Load(values, item, i);
            var scoped = values.Within($"namespace \"{ns.Name}\"");
            if (namespaces.Any(other => other.Name == ns.Name))
            {
                throw scoped.Error(item, "the name is used by an earlier namespace too; names must be unique");
            }

            if (ns.Source.PositionFile is { } positionFile)
            {
                if (positionFiles.TryGetValue(positionFile, out var owner))
                {
                    throw scoped.Error(item, $"source.position_file \"{positionFile}\" is namespace \"{owner}\"'s too; each needs its own");
                }

                positionFiles[positionFile] = ns.Name;
            }

            if (ns.Source.Syslog is { } syslog)
            {
                if (listeners.TryGetValue(syslog.ListenAddress, out var listener))
                {
                    throw scoped.Error(item, $"source.syslog.listen_address \"{syslog.ListenAddress}\" is namespace \"{listener}\"'s too; each needs its own");
                }

                listeners[syslog.ListenAddress] = ns.Name;
            }

            namespaces.Add(ns);
        }

        return new LoadedConfig
        {
            Config = new NginxLogConfig { Namespaces = namespaces, FileName = fileName },
            FlagDefaults = flagDefaults,
        };
    }

    /// <summary>The configuration of the no-file mode: one namespace reading <paramref name="files"/> in <paramref name="format"/>.</summary>
    public static NginxLogConfig FromQuickMode(string format, string namespaceName, IReadOnlyList<string> files)
    {
        if (NamespaceLoader.CheckName(namespaceName, isPrefix: true) is { } problem)
        {
            throw new UsageException($"--namespace: {problem}");
        }

        if (string.IsNullOrEmpty(format))
        {
            throw new UsageException("--format: must not be empty");
        }

        if (files.Count == 0)
        {
            throw new UsageException("no log files given: name them as arguments, or use --config-file");
        }

        if (files.Any(string.IsNullOrEmpty))
        {
            throw new UsageException("a log file argument is empty");
        }

        return new NginxLogConfig
        {
            Namespaces =
            [
                new NamespaceConfig
                {
                    Name = namespaceName,
                    Format = format,
                    MetricsPrefix = namespaceName,
                    Source = new SourceConfig { Files = [.. files] },
                },
            ],
        };
    }

    private static YamlNode? ReadDocument(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? ":" + e.Start.Line.ToString(CultureInfo.InvariantCulture) : "";
            throw new UsageException($"{fileName}{line}: not valid YAML: {Describe(e)}", e);
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        var root = stream.Documents[0].RootNode;
        YamlMergeKeys.Apply(root);
        return root;
    }

    /// <summary>The innermost message, which names the problem; the outer ones only repeat the position.</summary>
    private static string Describe(YamlException e)
    {
        Exception inner = e;
        while (inner.InnerException is YamlException next)
        {
            inner = next;
        }

        var message = inner is YamlException yamlException && yamlException.Start.Line > 0
            ? StripPosition(inner.Message)
            : inner.Message;
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>YamlDotNet starts messages with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): ".</summary>
    private static string StripPosition(string message)
    {
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && at > 0 ? message[(at + 3)..] : message;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadListen(YamlValues values, YamlNode node)
    {
        var entries = values.Entries(node, "listen", "in listen", ListenKeys);
        var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        int? port = entries.TryGetValue("port", out var portNode) ? values.IntegerIn(portNode, "listen.port", 1, 65535) : null;
        var address = entries.TryGetValue("address", out var addressNode) ? values.String(addressNode, "listen.address") : "";
        if (address is "0.0.0.0")
        {
            address = "";
        }

        if (port is not null || address.Length > 0)
        {
            if (address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('['))
            {
                address = "[" + address + "]";
            }

            flags[ListenAddressFlag] = [$"{address}:{(port ?? DefaultPort).ToString(CultureInfo.InvariantCulture)}"];
        }

        if (entries.TryGetValue("metrics_endpoint", out var endpointNode))
        {
            var endpoint = values.String(endpointNode, "listen.metrics_endpoint");
            if (!endpoint.StartsWith('/'))
            {
                throw values.Error(endpointNode, $"listen.metrics_endpoint: want a path starting with /, got \"{endpoint}\"");
            }

            flags[TelemetryPathFlag] = [endpoint];
        }

        return flags;
    }

    /// <summary>Registration with Consul is not done; a disabled <c>consul</c> section is accepted as it is.</summary>
    private static void CheckConsul(YamlValues values, YamlNode node)
    {
        var entries = values.Entries(node, "consul", "in consul", ConsulKeys);
        if (entries.TryGetValue("service", out var service))
        {
            _ = values.Entries(service, "consul.service", "in consul.service", ConsulServiceKeys);
        }

        if (entries.TryGetValue("enable", out var enable) && values.Bool(enable, "consul.enable"))
        {
            throw values.Error(enable, "consul.enable: registration with Consul is not supported; set it to false or remove the consul section");
        }
    }
}
