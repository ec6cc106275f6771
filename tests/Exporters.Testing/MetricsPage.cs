using System.Globalization;

namespace Exporters.Testing;

/// <summary>A text-format page parsed for assertions: families with HELP and TYPE, and samples.</summary>
public sealed class MetricsPage
{
    private MetricsPage(string text, Dictionary<string, Family> families, List<Sample> samples)
    {
        Text = text;
        Families = families;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyDictionary<string, Family> Families { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static MetricsPage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = rest[..space];
                var family = families.GetValueOrDefault(name) ?? new Family(name, "", "");
                families[name] = line[2] == 'H' ? family with { Help = rest[(space + 1)..] } : family with { Type = rest[(space + 1)..] };
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new MetricsPage(text, families, samples);
    }

    /// <summary>The one sample with this name whose labels include the given ones.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = Find(name, labels).ToList();
        Assert.True(matches.Count == 1, $"expected one sample {name} with {string.Join(',', labels)}, found {matches.Count} in:\n{Text}");
        return matches[0].Value;
    }

    public IEnumerable<Sample> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    private static Sample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0)
        {
            name = line[..brace];
            var i = brace + 1;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals].Trim(',', ' ');
                var value = new System.Text.StringBuilder();
                var j = equals + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] == 'n' ? '\n' : line[j]);
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }

                labels[label] = value.ToString();
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            rest = line[(i + 1)..].Trim();
        }
        else
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }

        var valueText = rest.Split(' ')[0];
        var number = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }

    public sealed record Family(string Name, string Help, string Type);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
