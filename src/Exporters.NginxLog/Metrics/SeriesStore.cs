using System.Runtime.CompilerServices;
using Exporters.Core.Exposition;
using Prometheus;

namespace Exporters.NginxLog.Metrics;

/// <summary>
/// The series of one namespace: found by label value ids without allocating, created on first use up to
/// max_series and up to the namespace's share of the page bytes (past either, lines go to one
/// <c>__overflow__</c> series), dropped after series_ttl without an update. All access goes through
/// <see cref="Gate"/>.
/// </summary>
internal sealed class SeriesStore
{
    public const string OverflowValue = "__overflow__";

    /// <summary>The label value that stands for any relabelled value longer than max_label_bytes.</summary>
    public const string TooLongValue = "__too_long__";

    /// <summary>
    /// The most all namespaces' series together may write: the merger takes at most 16 MiB from an upstream,
    /// and the exporter's own families need far less than the rest.
    /// </summary>
    public const long PageBytes = 12L * 1024 * 1024;

    private readonly NamespaceSchema _schema;
    private readonly Dictionary<int[], Series> _counters = new(SeriesKeyComparer.Instance);
    private readonly Dictionary<int[], Series> _metrics;
    private readonly Dictionary<int[], Series>.AlternateLookup<ReadOnlySpan<int>> _counterLookup;
    private readonly Dictionary<int[], Series>.AlternateLookup<ReadOnlySpan<int>> _metricLookup;
    private readonly Summary[]? _summaries;
    private readonly Serilog.ILogger _logger;
    private readonly int[] _counterOverflowKey;
    private readonly int[] _metricOverflowKey;
    private readonly long _pageBytes;
    private long _usedPageBytes;
    private bool _overflowLogged;

    /// <param name="schema">The namespace.</param>
    /// <param name="registry">Where summaries go in the nginxlog-exporter style; null otherwise.</param>
    /// <param name="logger">Told once when the series are bounded.</param>
    /// <param name="pageBytes">This namespace's share of <see cref="PageBytes"/>.</param>
    public SeriesStore(NamespaceSchema schema, CollectorRegistry? registry, Serilog.ILogger logger, long pageBytes = PageBytes)
    {
        _schema = schema;
        _logger = logger;
        _pageBytes = pageBytes;
        _metrics = schema.MetricKeyPositions is null ? _counters : new Dictionary<int[], Series>(SeriesKeyComparer.Instance);
        _counterLookup = _counters.GetAlternateLookup<ReadOnlySpan<int>>();
        _metricLookup = _metrics.GetAlternateLookup<ReadOnlySpan<int>>();
        OverflowId = Values.Intern(OverflowValue);
        TooLongId = Values.Intern(TooLongValue);
        _counterOverflowKey = [.. Enumerable.Repeat(OverflowId, schema.CounterLabelNames.Length)];
        _metricOverflowKey = [.. Enumerable.Repeat(OverflowId, schema.MetricLabelNames.Length)];
        if (schema.SummaryNames is { } names && registry is not null)
        {
            var factory = Prometheus.Metrics.WithCustomRegistry(registry)
                .WithLabels(schema.ConstLabels.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            _summaries = new Summary[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                _summaries[i] = factory.CreateSummary(names[i], schema.Timed[i].Help, schema.MetricLabelNames, new SummaryConfiguration
                {
                    Objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)],
                    MaxAge = TimeSpan.FromMinutes(10),
                    AgeBuckets = 5,
                });
            }
        }
    }

    public Lock Gate { get; } = new();

    public LabelValues Values { get; } = new();

    public int OverflowId { get; }

    public int TooLongId { get; }

    /// <summary>Lines with a relabelled value over max_label_bytes.</summary>
    public long TooLongLines { get; set; }

    /// <summary>The most the series can write now, by their labels; never above the namespace's share of the page.</summary>
    public long UsedPageBytes => _usedPageBytes;

    public long ParseErrors { get; set; }

    public long OverflowLines { get; private set; }

    public IReadOnlyCollection<Series> CounterSeries => _counters.Values;

    public IReadOnlyCollection<Series> MetricSeries => _metrics.Values;

    public Series Counter(ReadOnlySpan<int> key) => Find(_counters, _counterLookup, key, _schema.CounterLabelNames, counter: true);

    /// <summary>The series of the other families for a counter key (the same series unless some labels are counter-only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Series Metric(ReadOnlySpan<int> counterKey, Series counter)
    {
        if (_schema.MetricKeyPositions is not { } positions)
        {
            return counter;
        }

        Span<int> key = stackalloc int[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            key[i] = counterKey[positions[i]];
        }

        return Find(_metrics, _metricLookup, key, _schema.MetricLabelNames, counter: false);
    }

    /// <summary>Drops the series no line updated since <paramref name="oldest"/> (a TimeProvider timestamp).</summary>
    public void DropOlderThan(long oldest)
    {
        DropFrom(_counters, oldest);
        if (!ReferenceEquals(_metrics, _counters))
        {
            DropFrom(_metrics, oldest);
        }
    }

    private void DropFrom(Dictionary<int[], Series> table, long oldest)
    {
        List<int[]>? stale = null;
        foreach (var (key, series) in table)
        {
            if (series.LastUpdate < oldest)
            {
                (stale ??= []).Add(key);
            }
        }

        if (stale is null)
        {
            return;
        }

        foreach (var key in stale)
        {
            if (!table.Remove(key, out var series))
            {
                continue;
            }

            _usedPageBytes -= series.PageBytes;
            if (series.Summaries is { } children)
            {
                foreach (var child in children)
                {
                    child?.Remove();
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Series Find(
        Dictionary<int[], Series> table,
        Dictionary<int[], Series>.AlternateLookup<ReadOnlySpan<int>> lookup,
        ReadOnlySpan<int> key,
        string[] labelNames,
        bool counter)
    {
        if (lookup.TryGetValue(key, out var series))
        {
            return series;
        }

        var pageBytes = IsOverflow(key) ? 0 : PageBytesOf(key, labelNames, counter);
        if ((table.Count >= _schema.Config.MaxSeries || _usedPageBytes + pageBytes > _pageBytes) && !IsOverflow(key))
        {
            if (counter)
            {
                OverflowLines++;
            }

            if (!_overflowLogged)
            {
                _overflowLogged = true;
                _logger.Warning(
                    "Namespace {Namespace} reached max_series ({MaxSeries}) or its share of the page ({PageBytes} bytes); new label sets are counted under {Overflow}",
                    _schema.Config.Name, _schema.Config.MaxSeries, _pageBytes, OverflowValue);
            }

            var overflow = counter ? _counterOverflowKey : _metricOverflowKey;
            if (!table.TryGetValue(overflow, out series))
            {
                series = Create(overflow, labelNames, counter);
                table.Add(overflow, series);
            }

            return series;
        }

        series = Create(key, labelNames, counter);
        series.PageBytes = pageBytes;
        _usedPageBytes += pageBytes;
        table.Add(series.Key, series);
        return series;
    }

    /// <summary>The most a new series with this key adds to the page: its lines times their longest length.</summary>
    private long PageBytesOf(ReadOnlySpan<int> key, string[] labelNames, bool counter)
    {
        long labels = _schema.ConstLabelBytes;
        for (var i = 0; i < key.Length; i++)
        {
            labels += NamespaceSchema.LabelBytes(labelNames[i], Values.Text(key[i]));
        }

        var lines = counter ? _schema.CounterSeriesLines : _schema.MetricSeriesLines;
        return lines * (labels + _schema.LineOverheadBytes);
    }

    private bool IsOverflow(ReadOnlySpan<int> key) => key.IndexOfAnyExcept(OverflowId) < 0;

    private Series Create(ReadOnlySpan<int> key, string[] labelNames, bool counter)
    {
        var pairs = new List<KeyValuePair<string, string>>(_schema.ConstLabels);
        var values = new string[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            values[i] = Values.Text(key[i]);
            pairs.Add(new(labelNames[i], values[i]));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var series = new Series(key.ToArray(), LabelSet.Create(pairs), _schema.Buckets.Length, counter && _schema.MetricKeyPositions is not null ? 0 : _schema.Timed.Length);
        if (_summaries is not null && (!counter || _schema.MetricKeyPositions is null))
        {
            series.Summaries = [.. _summaries.Select(s => s.WithLabels(values))];
        }

        return series;
    }
}
