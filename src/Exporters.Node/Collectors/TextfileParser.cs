using System.Buffers.Text;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// The Prometheus text format (0.0.4) as the textfile collector accepts it: HELP, TYPE and samples without
/// timestamps. Anything else is a <see cref="FormatException"/> naming the line.
/// </summary>
internal static class TextfileParser
{
    private static readonly string[] Suffixes = ["_bucket", "_sum", "_count"];
    private static readonly byte[][] SuffixBytes = ["_bucket"u8.ToArray(), "_sum"u8.ToArray(), "_count"u8.ToArray()];

    /// <summary>The families of <paramref name="text"/> in the order they first appear.</summary>
    public static List<TextfileFamily> Parse(ReadOnlySpan<byte> text)
    {
        var families = new List<TextfileFamily>();
        var byName = new Dictionary<string, TextfileFamily>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (Bytes.NextLine(ref text, out var line))
        {
            lineNumber++;
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                if (line[0] == '#')
                {
                    ParseComment(line[1..], families, byName);
                }
                else
                {
                    ParseSample(line, families, byName);
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new FormatException($"line {lineNumber}: {e.Message}", e);
            }
        }

        return families;
    }

    private static void ParseComment(ReadOnlySpan<byte> rest, List<TextfileFamily> families, Dictionary<string, TextfileFamily> byName)
    {
        if (!Bytes.NextField(ref rest, out var keyword) || !(keyword.SequenceEqual("HELP"u8) || keyword.SequenceEqual("TYPE"u8)) || !Bytes.NextField(ref rest, out var nameBytes))
        {
            return;
        }

        var name = Name(nameBytes);
        var family = Family(name, families, byName);
        rest = rest.TrimStart(" \t"u8);
        if (keyword.SequenceEqual("HELP"u8))
        {
            if (family.Help is not null)
            {
                throw new FormatException($"second HELP for {name}");
            }

            family.Help = Unescape(rest);
            return;
        }

        if (family.TypeGiven || family.Samples.Count > 0)
        {
            throw new FormatException($"TYPE for {name} comes twice or after its samples");
        }

        family.TypeGiven = true;
        family.Type = Encoding.UTF8.GetString(rest.TrimEnd(" \t"u8)) switch
        {
            "counter" => MetricType.Counter,
            "gauge" => MetricType.Gauge,
            "histogram" => MetricType.Histogram,
            "summary" => MetricType.Summary,
            "untyped" => MetricType.Untyped,
            var other => throw new FormatException($"unknown type \"{other}\""),
        };
    }

    private static void ParseSample(ReadOnlySpan<byte> line, List<TextfileFamily> families, Dictionary<string, TextfileFamily> byName)
    {
        var end = line.IndexOfAny("{ \t"u8);
        if (end < 0)
        {
            throw new FormatException("a sample has no value");
        }

        var name = Name(line[..end]);
        line = line[end..];
        var labels = new List<KeyValuePair<string, string>>();
        if (line[0] == '{')
        {
            line = ParseLabels(line[1..], labels);
        }

        if (!Bytes.NextField(ref line, out var valueBytes))
        {
            throw new FormatException("a sample has no value");
        }

        var value = ParseValue(valueBytes);
        if (Bytes.NextField(ref line, out _))
        {
            throw new FormatException("client-side timestamps are not supported");
        }

        labels.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var (family, suffix) = Resolve(name, byName);
        family ??= Family(name, families, byName);
        family.Samples.Add(new TextfileSample(suffix, LabelSet.Create(labels), value));
    }

    /// <summary>A histogram's or summary's _bucket, _sum and _count samples belong to the family they name.</summary>
    private static (TextfileFamily? Family, byte[] Suffix) Resolve(string name, Dictionary<string, TextfileFamily> byName)
    {
        for (var i = 0; i < Suffixes.Length; i++)
        {
            var suffix = Suffixes[i];
            if (name.EndsWith(suffix, StringComparison.Ordinal)
                && byName.TryGetValue(name[..^suffix.Length], out var parent)
                && (parent.Type == MetricType.Histogram || (parent.Type == MetricType.Summary && suffix != "_bucket")))
            {
                return (parent, SuffixBytes[i]);
            }
        }

        return (byName.GetValueOrDefault(name), []);
    }

    private static ReadOnlySpan<byte> ParseLabels(ReadOnlySpan<byte> text, List<KeyValuePair<string, string>> labels)
    {
        while (true)
        {
            text = text.TrimStart(" \t"u8);
            if (text.IsEmpty)
            {
                throw new FormatException("labels are not closed");
            }

            if (text[0] == '}')
            {
                return text[1..];
            }

            var equals = text.IndexOf((byte)'=');
            if (equals < 0)
            {
                throw new FormatException("a label has no value");
            }

            var labelName = Encoding.UTF8.GetString(text[..equals].Trim(" \t"u8));
            text = text[(equals + 1)..].TrimStart(" \t"u8);
            if (text.IsEmpty || text[0] != '"')
            {
                throw new FormatException($"the value of label {labelName} is not quoted");
            }

            var value = new StringBuilder();
            var i = 1;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] switch
                    {
                        (byte)'n' => '\n',
                        (byte)'\\' => '\\',
                        (byte)'"' => '"',
                        _ => throw new FormatException("an unknown escape in a label value"),
                    });
                }
                else
                {
                    var run = text[i..].IndexOfAny("\"\\"u8);
                    var length = run < 0 ? text.Length - i : run;
                    value.Append(Encoding.UTF8.GetString(text.Slice(i, length)));
                    i += length - 1;
                }
            }

            if (i >= text.Length)
            {
                throw new FormatException($"the value of label {labelName} is not closed");
            }

            labels.Add(new(labelName, value.ToString()));
            text = text[(i + 1)..].TrimStart(" \t"u8);
            if (!text.IsEmpty && text[0] == ',')
            {
                text = text[1..];
            }
            else if (text.IsEmpty || text[0] != '}')
            {
                throw new FormatException("labels must be separated by commas");
            }
        }
    }

    private static double ParseValue(ReadOnlySpan<byte> field)
    {
        if (field.SequenceEqual("NaN"u8))
        {
            return double.NaN;
        }

        if (field.SequenceEqual("+Inf"u8) || field.SequenceEqual("Inf"u8))
        {
            return double.PositiveInfinity;
        }

        if (field.SequenceEqual("-Inf"u8))
        {
            return double.NegativeInfinity;
        }

        return Utf8Parser.TryParse(field, out double value, out var consumed) && consumed == field.Length
            ? value
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a number");
    }

    private static string Name(ReadOnlySpan<byte> bytes)
    {
        var name = Encoding.UTF8.GetString(bytes);
        return MetricNames.IsValidMetricName(name) ? name : throw new FormatException($"\"{name}\" is not a valid metric name");
    }

    /// <summary>HELP text with its escapes (backslash-n, two backslashes) taken back.</summary>
    private static string Unescape(ReadOnlySpan<byte> help)
    {
        var text = Encoding.UTF8.GetString(help);
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var unescaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or '\\')
            {
                unescaped.Append(text[++i] == 'n' ? '\n' : '\\');
            }
            else
            {
                unescaped.Append(text[i]);
            }
        }

        return unescaped.ToString();
    }

    private static TextfileFamily Family(string name, List<TextfileFamily> families, Dictionary<string, TextfileFamily> byName)
    {
        if (!byName.TryGetValue(name, out var family))
        {
            family = new TextfileFamily(name);
            byName.Add(name, family);
            families.Add(family);
        }

        return family;
    }
}
