using System.Globalization;
using Exporters.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// Reads the YAML configuration file, <c>exporters: [{url, name, labels, timeout}]</c>, from its node tree (no
/// reflection, so it works trimmed and ahead-of-time compiled). Every problem is one line: <c>file:line: problem</c>.
/// </summary>
internal static class ConfigFileReader
{
    private const string ExportersKey = "exporters";

    public static List<ConfigFileExporter> Read(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Error(path, e.Start.Line, $"not valid YAML: {Describe(e)}", e);
        }

        var exporters = new List<ConfigFileExporter>();
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return exporters;
        }

        var root = Mapping(stream.Documents[0].RootNode, path, "the configuration");
        foreach (var (key, value) in root.Children)
        {
            if (KeyOf(key, path) != ExportersKey)
            {
                throw Error(path, key, $"unknown key \"{KeyOf(key, path)}\" at the top level; the file holds only \"{ExportersKey}\"");
            }

            if (IsNull(value))
            {
                continue;
            }

            if (value is not YamlSequenceNode list)
            {
                throw Error(path, value, $"{ExportersKey}: want a list of exporters, got {Describe(value)}");
            }

            foreach (var item in list.Children)
            {
                exporters.Add(ReadExporter(item, path));
            }
        }

        return exporters;
    }

    private static ConfigFileExporter ReadExporter(YamlNode node, string path)
    {
        string? url = null, name = null, timeout = null;
        Dictionary<string, string>? labels = null;
        foreach (var (keyNode, value) in Mapping(node, path, "an exporter").Children)
        {
            var key = KeyOf(keyNode, path);
            switch (key)
            {
                case "url":
                    url = Scalar(value, path, key);
                    break;
                case "name":
                    name = Scalar(value, path, key);
                    break;
                case "timeout":
                    timeout = Scalar(value, path, key);
                    break;
                case "labels":
                    labels = IsNull(value) ? null : ReadLabels(value, path);
                    break;
                default:
                    throw Error(path, keyNode, $"unknown key \"{key}\" in an exporter; known keys are url, name, labels and timeout");
            }
        }

        return new ConfigFileExporter { Line = node.Start.Line, Url = url, Name = name, Labels = labels, Timeout = timeout };
    }

    private static Dictionary<string, string> ReadLabels(YamlNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in Mapping(node, path, "labels").Children)
        {
            var name = KeyOf(keyNode, path);
            labels[name] = Scalar(value, path, $"label \"{name}\"") ?? "";
        }

        return labels;
    }

    /// <summary>A scalar as written (numbers and booleans too), or null for an empty value, <c>~</c> or <c>null</c>.</summary>
    private static string? Scalar(YamlNode node, string path, string what) =>
        IsNull(node) ? null
        : node is YamlScalarNode scalar ? scalar.Value ?? ""
        : throw Error(path, node, $"{what}: want a single value, got {Describe(node)}");

    private static YamlMappingNode Mapping(YamlNode node, string path, string what) =>
        node as YamlMappingNode ?? throw Error(path, node, $"{what}: want a mapping of keys to values, got {Describe(node)}");

    private static string KeyOf(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } key } ? key : throw Error(path, node, $"a key must be a plain name, not {Describe(node)}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "something else",
    };

    /// <summary>The innermost message, on one line, without YamlDotNet's "(Line: 3, Col: 5, Idx: 20) - (…): " prefix.</summary>
    private static string Describe(YamlException e)
    {
        Exception inner = e;
        while (inner.InnerException is YamlException next)
        {
            inner = next;
        }

        var message = inner.Message;
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && at > 0)
        {
            message = message[(at + 3)..];
        }

        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static UsageException Error(string path, YamlNode node, string problem) => Error(path, node.Start.Line, problem);

    /// <summary>An error naming the file and, when known, the line.</summary>
    public static UsageException Error(string path, long line, string problem, Exception? inner = null)
    {
        var at = line > 0 ? ":" + line.ToString(CultureInfo.InvariantCulture) : "";
        var message = $"{path}{at}: {problem}";
        return inner is null ? new UsageException(message) : new UsageException(message, inner);
    }
}
