using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.NginxLog.Metrics;

/// <summary>Writes one namespace's families from its series store; drops expired series first.</summary>
internal sealed class NamespaceCollector : IScrapeCollector
{
    private readonly NamespaceSchema _schema;
    private readonly SeriesStore _store;
    private readonly TimeProvider _time;

    public NamespaceCollector(NamespaceSchema schema, SeriesStore store, TimeProvider time)
    {
        _schema = schema;
        _store = store;
        _time = time;
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_store.Gate)
        {
            if (_schema.Config.SeriesTtl is { } ttl)
            {
                _store.DropOlderThan(_time.GetTimestamp() - (long)(ttl.TotalSeconds * _time.TimestampFrequency));
            }

            foreach (var series in _store.CounterSeries)
            {
                writer.WriteSample(_schema.RequestCount, series.Labels, series.Requests);
            }

            foreach (var series in _store.MetricSeries)
            {
                writer.WriteSample(_schema.ResponseBytes, series.Labels, series.ResponseBytes);
            }

            if (_schema.RequestBytes is { } requestBytes)
            {
                foreach (var series in _store.MetricSeries)
                {
                    writer.WriteSample(requestBytes, series.Labels, series.RequestBytes);
                }
            }

            for (var h = 0; h < _schema.Histograms.Length; h++)
            {
                WriteHistogram(writer, _schema.Histograms[h], h);
            }

            writer.WriteSample(_schema.ParseErrors, _schema.ConstLabelSet, _store.ParseErrors);
            writer.WriteSample(_schema.SeriesOverflow, _schema.ConstLabelSet, _store.OverflowLines);
            writer.WriteSample(_schema.LabelTooLong, _schema.ConstLabelSet, _store.TooLongLines);
        }

        return Task.CompletedTask;
    }

    private void WriteHistogram(ExpositionWriter writer, MetricFamily family, int index)
    {
        var bucketLabels = _schema.BucketLabels;
        foreach (var series in _store.MetricSeries)
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
