namespace Exporters.NginxLog.Configuration;

/// <summary>One namespace of the configuration, checked for structure (the format itself is compiled later).</summary>
internal sealed class NamespaceConfig
{
    /// <summary>Prometheus' default buckets, which prometheus-nginxlog-exporter uses too.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public required string Name { get; init; }

    /// <summary>The nginx log_format string; empty for <see cref="ParserKind.Json"/> without one.</summary>
    public string Format { get; init; } = "";

    public ParserKind Parser { get; init; } = ParserKind.Text;

    /// <summary>Static labels, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public IReadOnlyList<RelabelConfig> Relabels { get; init; } = [];

    /// <summary>Ascending, finite, without duplicates.</summary>
    public IReadOnlyList<double> HistogramBuckets { get; init; } = DefaultBuckets;

    /// <summary>The metric name prefix: <c>metrics_override.prefix</c> if given (may be ""), else the name.</summary>
    public required string MetricsPrefix { get; init; }

    /// <summary>When set, every family carries <c>NamespaceLabel="Name"</c>.</summary>
    public string? NamespaceLabel { get; init; }

    public bool StatusClass { get; init; }

    public int MaxSeries { get; init; } = 10_000;

    /// <summary>Label sets not updated for this long are dropped; null keeps them forever.</summary>
    public TimeSpan? SeriesTtl { get; init; }

    public MetricsStyle Style { get; init; } = MetricsStyle.Default;

    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>A relabelled value longer than this (UTF-8 bytes) is replaced by <c>__too_long__</c> and counted.</summary>
    public int MaxLabelBytes { get; init; } = 256;

    public required SourceConfig Source { get; init; }
}
