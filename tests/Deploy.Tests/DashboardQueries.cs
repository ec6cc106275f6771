using System.Text.Json;
using System.Text.RegularExpressions;
using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>The PromQL expressions of deploy/grafana/dashboards/worker.json and the metric names they read.</summary>
internal sealed partial class DashboardQueries
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless",
        "inf", "nan",
    };

    private DashboardQueries(IReadOnlyList<string> expressions)
    {
        Expressions = expressions;
    }

    public IReadOnlyList<string> Expressions { get; }

    public static string FilePath => Path.Combine(RepoPaths.Root, "deploy", "grafana", "dashboards", "worker.json");

    public static DashboardQueries Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        var expressions = new List<string>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                expressions.Add(target.GetProperty("expr").GetString()!);
            }
        }

        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var query = variable.GetProperty("query");
            var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
            var labelValues = LabelValuesCall().Match(text);
            expressions.Add(labelValues.Success ? labelValues.Groups["selector"].Value : text);
        }

        return new DashboardQueries(expressions);
    }

    /// <summary>
    /// The metric names of one expression: identifiers left after string literals, label matchers,
    /// grouping clauses, range selectors and dashboard variables are removed, that are neither
    /// function calls nor keywords.
    /// </summary>
    public static IReadOnlyList<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = RangeSelector().Replace(text, " ");
        text = Variable().Replace(text, " ");
        return [.. Identifier().Matches(text)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value.ToLowerInvariant()))
            .Select(m => m.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> AllMetricNames() =>
        [.. Expressions.SelectMany(MetricNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex("^label_values\\((?<selector>[^,]+),")]
    private static partial Regex LabelValuesCall();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex("\\$\\{?\\w+\\}?")]
    private static partial Regex Variable();

    [GeneratedRegex("(?<![\\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?")]
    private static partial Regex Identifier();
}
