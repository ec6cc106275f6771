using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.NginxLog.Metrics;

/// <summary>
/// Writes the families of the namespaces that share one metric prefix (most often one namespace): each
/// family once, with every namespace's series under it; drops expired series first.
/// </summary>
internal sealed class NamespaceCollector : IScrapeCollector
{
    private readonly IReadOnlyList<(NamespaceSchema Schema, SeriesStore Store)> _members;
    private readonly List<(MetricFamily Family, List<(int Member, int Index)> Sources)> _histograms = [];
    private readonly MetricFamily? _requestBytes;
    private readonly TimeProvider _time;

    public NamespaceCollector(NamespaceSchema schema, SeriesStore store, TimeProvider time)
        : this([(schema, store)], time)
    {
    }

    /// <param name="members">Namespaces of one prefix, checked by <see cref="SharedPrefix.Check"/>.</param>
    /// <param name="time">The clock series_ttl is measured with.</param>
    public NamespaceCollector(IReadOnlyList<(NamespaceSchema Schema, SeriesStore Store)> members, TimeProvider time)
    {
        _members = members;
        _time = time;
        for (var m = 0; m < members.Count; m++)
        {
            var schema = members[m].Schema;
            _requestBytes ??= schema.RequestBytes;
            for (var h = 0; h < schema.Histograms.Length; h++)
            {
                var found = _histograms.FindIndex(entry => entry.Family.Name == schema.Histograms[h].Name);
                if (found < 0)
                {
                    _histograms.Add((schema.Histograms[h], [(m, h)]));
                }
                else
                {
                    _histograms[found].Sources.Add((m, h));
                }
            }
        }
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var first = _members[0].Schema;
        foreach (var (schema, store) in _members)
        {
            lock (store.Gate)
            {
                if (schema.Config.SeriesTtl is { } ttl)
                {
                    store.DropOlderThan(_time.GetTimestamp() - (long)(ttl.TotalSeconds * _time.TimestampFrequency));
                }

                foreach (var series in store.CounterSeries)
                {
                    writer.WriteSample(first.RequestCount, series.Labels, series.Requests);
                }
            }
        }

        foreach (var (_, store) in _members)
        {
            lock (store.Gate)
            {
                foreach (var series in store.MetricSeries)
                {
                    writer.WriteSample(first.ResponseBytes, series.Labels, series.ResponseBytes);
                }
            }
        }

        if (_requestBytes is { } requestBytes)
        {
            foreach (var (schema, store) in _members)
            {
                if (schema.RequestBytes is null)
                {
                    continue;
                }

                lock (store.Gate)
                {
                    foreach (var series in store.MetricSeries)
                    {
                        writer.WriteSample(requestBytes, series.Labels, series.RequestBytes);
                    }
                }
            }
        }

        foreach (var (family, sources) in _histograms)
        {
            foreach (var (member, index) in sources)
            {
                var (schema, store) = _members[member];
                lock (store.Gate)
                {
                    WriteHistogram(writer, family, schema, store, index);
                }
            }
        }

        foreach (var (schema, store) in _members)
        {
            lock (store.Gate)
            {
                writer.WriteSample(first.ParseErrors, schema.ConstLabelSet, store.ParseErrors);
            }
        }

        foreach (var (schema, store) in _members)
        {
            lock (store.Gate)
            {
                writer.WriteSample(first.SeriesOverflow, schema.ConstLabelSet, store.OverflowLines);
            }
        }

        foreach (var (schema, store) in _members)
        {
            lock (store.Gate)
            {
                writer.WriteSample(first.LabelTooLong, schema.ConstLabelSet, store.TooLongLines);
            }
        }

        return Task.CompletedTask;
    }

    private static void WriteHistogram(ExpositionWriter writer, MetricFamily family, NamespaceSchema schema, SeriesStore store, int index)
    {
        var bucketLabels = schema.BucketLabels;
        foreach (var series in store.MetricSeries)
        {
            var histogram = series.Histograms[index];
            if (histogram.Count == 0)
            {
                continue;
            }

            long cumulative = 0;
            for (var b = 0; b < histogram.Buckets.Length; b++)
            {
                cumulative += histogram.Buckets[b];
                writer.WriteSample(family, "_bucket"u8, series.Labels, bucketLabels[b], cumulative);
            }

            writer.WriteSample(family, "_bucket"u8, series.Labels, bucketLabels[^1], histogram.Count);
            writer.WriteSample(family, "_sum"u8, series.Labels, default, histogram.Sum);
            writer.WriteSample(family, "_count"u8, series.Labels, default, histogram.Count);
        }
    }
}
