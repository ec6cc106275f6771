using System.Globalization;
using Exporters.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Exporters.NginxLog.Configuration;

/// <summary>
/// Reads typed values out of YAML nodes the way Go's YAML decoder accepts them, and words every problem as
/// one line: <c>file:line: scope: problem</c>.
/// </summary>
internal sealed class YamlValues
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF",
    };

    private readonly string _fileName;
    private readonly string? _scope;

    public YamlValues(string fileName, string? scope = null)
    {
        _fileName = fileName;
        _scope = scope;
    }

    /// <summary>The same file, with problems reported inside <paramref name="scope"/> (e.g. <c>namespace "nginx"</c>).</summary>
    public YamlValues Within(string scope) => new(_fileName, scope);

    public UsageException Error(YamlNode? node, string problem)
    {
        var line = node is null || node.Start.Line <= 0 ? "" : ":" + node.Start.Line.ToString(CultureInfo.InvariantCulture);
        var scope = _scope is null ? "" : _scope + ": ";
        return new UsageException($"{_fileName}{line}: {scope}{problem}");
    }

    /// <summary>A plain empty scalar, <c>~</c> or <c>null</c>: Go's decoder leaves the field at its zero value.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>
    /// The entries of a mapping whose values are not null, by key. Any key outside <paramref name="allowed"/>
    /// is an error naming the key and <paramref name="where"/>.
    /// </summary>
    public Dictionary<string, YamlNode> Entries(YamlNode node, string what, string where, IReadOnlyCollection<string> allowed)
    {
        var mapping = Mapping(node, what);
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = KeyOf(keyNode, where);
            if (!allowed.Contains(key))
            {
                throw Error(keyNode, $"unknown key \"{key}\" {where}");
            }

            if (!IsNull(value))
            {
                entries[key] = value;
            }
        }

        return entries;
    }

    public string KeyOf(YamlNode keyNode, string where) =>
        keyNode is YamlScalarNode { Value: { } key }
            ? key
            : throw Error(keyNode, $"keys {where} must be plain names, not a {KindOf(keyNode)}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what}: want a mapping of keys to values, got {Describe(node)}");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what}: want a list, got {Describe(node)}");

    /// <summary>Any scalar, as text (Go decodes numbers and booleans into string fields as written).</summary>
    public string String(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return "";
        }

        return node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw Error(node, $"{what}: want a string, got {Describe(node)}");
    }

    public string NonEmptyString(YamlNode node, string what)
    {
        var text = String(node, what);
        return text.Length > 0 ? text : throw Error(node, $"{what}: must not be empty");
    }

    public bool Bool(YamlNode node, string what)
    {
        var text = ScalarText(node, what, "true or false");
        if (TrueWords.Contains(text))
        {
            return true;
        }

        return FalseWords.Contains(text) ? false : throw Error(node, $"{what}: want true or false, got \"{text}\"");
    }

    public long Integer(YamlNode node, string what)
    {
        var text = ScalarText(node, what, "an integer");
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        var negative = plain.StartsWith('-');
        var digits = plain.StartsWith('-') || plain.StartsWith('+') ? plain[1..] : plain;
        var ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? (negative ? -value : value) : throw Error(node, $"{what}: want an integer, got \"{text}\"");
    }

    public int IntegerIn(YamlNode node, string what, long min, long max)
    {
        var value = Integer(node, what);
        if (value < min || value > max)
        {
            var range = max == int.MaxValue
                ? $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
            throw Error(node, $"{what}: must be {range}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return (int)value;
    }

    public double Number(YamlNode node, string what)
    {
        var text = ScalarText(node, what, "a number");
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        var value = plain switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ when plain.Length > 0 && (char.IsAsciiDigit(plain[^1]) || plain[^1] == '.')
                && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw Error(node, $"{what}: want a number, got \"{text}\""),
        };
        return value;
    }

    /// <summary>A list of strings; <paramref name="what"/> names the list in messages.</summary>
    public List<string> StringList(YamlNode node, string what, bool allowEmptyItems = false)
    {
        var items = new List<string>();
        var sequence = Sequence(node, what);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemWhat = $"{what}[{i.ToString(CultureInfo.InvariantCulture)}]";
            items.Add(allowEmptyItems ? String(sequence.Children[i], itemWhat) : NonEmptyString(sequence.Children[i], itemWhat));
        }

        return items;
    }

    private string ScalarText(YamlNode node, string what, string want) =>
        node is YamlScalarNode { Value: { } text } && !IsNull(node)
            ? text
            : throw Error(node, $"{what}: want {want}, got {Describe(node)}");

    private static string KindOf(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "something else",
    };
}
