using System.Globalization;
using System.Text;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Metrics;

/// <summary>
/// Everything about one namespace that is fixed once its config and format are known: the label layout
/// of its series, its families and histogram buckets, and which variables feed which relabel.
/// </summary>
internal sealed class NamespaceSchema
{
    /// <summary>Room for a sample value, its separators, braces and newline: a double as "R" is at most 24 characters.</summary>
    private const int MaxValueBytes = 32;

    public NamespaceSchema(NamespaceConfig config, ILineMatcher matcher, string configName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(matcher);
        Config = config;
        Matcher = matcher;
        var variables = matcher.Variables;
        RelabelVariables = new int[config.Relabels.Count];
        for (var i = 0; i < config.Relabels.Count; i++)
        {
            var from = config.Relabels[i].From;
            RelabelVariables[i] = IndexOf(variables, from);
            if (RelabelVariables[i] < 0)
            {
                throw new UsageException(
                    $"{configName}: namespace \"{config.Name}\": relabel \"{config.Relabels[i].TargetLabel}\" reads ${from}, which the format does not have");
            }
        }

        // Series keys: every relabel target in config order, then method and status.
        CounterLabelNames = [.. config.Relabels.Select(r => r.TargetLabel), "method", "status"];
        var metricPositions = Enumerable.Range(0, CounterLabelNames.Length)
            .Where(i => i >= config.Relabels.Count || !config.Relabels[i].OnlyCounter)
            .ToArray();
        MetricKeyPositions = metricPositions.Length == CounterLabelNames.Length ? null : metricPositions;
        MetricLabelNames = [.. metricPositions.Select(i => CounterLabelNames[i])];

        var constant = new List<KeyValuePair<string, string>>(config.Labels);
        if (config.NamespaceLabel is { } namespaceLabel)
        {
            constant.Add(new(namespaceLabel, config.Name));
        }

        ConstLabels = constant;
        HasStatus = IndexOf(variables, "status") >= 0;
        HasRequestLength = IndexOf(variables, "request_length") >= 0;
        var nginxlogStyle = config.Style == MetricsStyle.NginxlogExporter;
        Timed = [.. TimedVariable.All.Where(t => nginxlogStyle || IndexOf(variables, t.Variable) >= 0)];
        Buckets = [.. config.HistogramBuckets];
        BucketLabels = [.. Buckets.Select(b => Encoding.UTF8.GetBytes($"le=\"{b.ToString("R", CultureInfo.InvariantCulture)}\"")), "le=\"+Inf\""u8.ToArray()];

        var prefix = config.MetricsPrefix.Length == 0 ? "" : config.MetricsPrefix + "_";
        RequestCount = new MetricFamily(prefix + "http_response_count_total", "Amount of processed HTTP requests", MetricType.Counter);
        ResponseBytes = new MetricFamily(prefix + "http_response_size_bytes", "Total amount of transferred bytes", MetricType.Counter);
        RequestBytes = HasRequestLength || nginxlogStyle
            ? new MetricFamily(prefix + "http_request_size_bytes", "Total amount of received bytes", MetricType.Counter)
            : null;
        Histograms = [.. Timed.Select(t => new MetricFamily(prefix + t.MetricName + (nginxlogStyle ? "_hist" : ""), t.Help, MetricType.Histogram))];
        SummaryNames = nginxlogStyle ? [.. Timed.Select(t => prefix + t.MetricName)] : null;
        ParseErrors = new MetricFamily(prefix + "parse_errors_total", "Total number of log file lines that could not be parsed", MetricType.Counter);
        SeriesOverflow = new MetricFamily(
            prefix + "series_overflow_total",
            "Lines counted under the label value __overflow__ because max_series label sets or the namespace's share of the page were reached",
            MetricType.Counter);
        LabelTooLong = new MetricFamily(
            prefix + "label_value_too_long_total",
            "Lines whose relabelled value was longer than max_label_bytes, counted under the label value __too_long__",
            MetricType.Counter);
        ConstLabelSet = LabelSet.Create(constant.OrderBy(p => p.Key, StringComparer.Ordinal));

        // The most a series can add to the page, given the bytes of its labels: its lines, each at most the longest
        // name with its suffix, the labels, the longest le or quantile label and the longest number.
        var metricLines = 1 + (RequestBytes is null ? 0 : 1) + (Histograms.Length * (Buckets.Length + 3)) + (SummaryNames is null ? 0 : Timed.Length * 5);
        MetricSeriesLines = metricLines;
        CounterSeriesLines = MetricKeyPositions is null ? 1 + metricLines : 1;
        var longestName = Math.Max(RequestCount.Name.Length, Math.Max(ResponseBytes.Name.Length, RequestBytes?.Name.Length ?? 0));
        foreach (var family in Histograms)
        {
            longestName = Math.Max(longestName, family.Name.Length + "_bucket".Length);
        }

        var longestExtraLabel = Math.Max("quantile=\"0.99\"".Length, BucketLabels.Max(b => b.Length));
        LineOverheadBytes = longestName + longestExtraLabel + MaxValueBytes;
        ConstLabelBytes = constant.Sum(p => LabelBytes(p.Key, p.Value));
    }

    /// <summary>Lines a series of the request counter writes (with the other families' when it is also their series).</summary>
    public int CounterSeriesLines { get; }

    /// <summary>Lines a series of the other families writes.</summary>
    public int MetricSeriesLines { get; }

    /// <summary>The most a page line adds besides the series' own labels.</summary>
    public int LineOverheadBytes { get; }

    /// <summary>The bytes the static labels add to every line.</summary>
    public int ConstLabelBytes { get; }

    public MetricFamily LabelTooLong { get; }

    /// <summary><c>name="value",</c> as written, escapes included.</summary>
    public static int LabelBytes(string name, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value) + 4;
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '\n')
            {
                bytes++;
            }
        }

        return bytes;
    }

    public NamespaceConfig Config { get; }

    public ILineMatcher Matcher { get; }

    /// <summary>For each relabel config, the index of its variable among the matcher's.</summary>
    public int[] RelabelVariables { get; }

    /// <summary>The labels of the request counter's series keys: relabel targets, method, status.</summary>
    public string[] CounterLabelNames { get; }

    /// <summary>The positions in a counter key that make the key of the other families; null when the same.</summary>
    public int[]? MetricKeyPositions { get; }

    public string[] MetricLabelNames { get; }

    /// <summary>Static labels and the namespace label, as written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConstLabels { get; }

    public LabelSet ConstLabelSet { get; }

    public bool HasStatus { get; }

    public bool HasRequestLength { get; }

    public TimedVariable[] Timed { get; }

    public double[] Buckets { get; }

    /// <summary><c>le="…"</c> for each bucket, then <c>le="+Inf"</c>.</summary>
    public byte[][] BucketLabels { get; }

    public MetricFamily RequestCount { get; }

    public MetricFamily ResponseBytes { get; }

    public MetricFamily? RequestBytes { get; }

    /// <summary>One per <see cref="Timed"/>.</summary>
    public MetricFamily[] Histograms { get; }

    /// <summary>The summary family names in the Go exporter's style, one per <see cref="Timed"/>; null otherwise.</summary>
    public string[]? SummaryNames { get; }

    public MetricFamily ParseErrors { get; }

    public MetricFamily SeriesOverflow { get; }

    private static int IndexOf(IReadOnlyList<string> variables, string name)
    {
        for (var i = 0; i < variables.Count; i++)
        {
            if (variables[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
