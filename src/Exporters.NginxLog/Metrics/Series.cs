using Exporters.Core.Exposition;

namespace Exporters.NginxLog.Metrics;

/// <summary>The values of one label set: request count, byte sums and one histogram per timed variable.</summary>
internal sealed class Series
{
    public Series(int[] key, LabelSet labels, int bucketCount, int histogramCount)
    {
        Key = key;
        Labels = labels;
        Histograms = new HistogramValues[histogramCount];
        for (var i = 0; i < histogramCount; i++)
        {
            Histograms[i] = new HistogramValues(bucketCount);
        }
    }

    /// <summary>The label value ids, in the order of the namespace's variable labels.</summary>
    public int[] Key { get; }

    /// <summary>Every label of the series, encoded once, sorted by name.</summary>
    public LabelSet Labels { get; }

    public long Requests { get; set; }

    public double ResponseBytes { get; set; }

    public double RequestBytes { get; set; }

    public HistogramValues[] Histograms { get; }

    /// <summary>prometheus-net summary children, one per timed variable, in the nginxlog-exporter style.</summary>
    public Prometheus.Summary.Child?[]? Summaries { get; set; }

    /// <summary>The most its lines can add to the page, counted against the namespace's share of it.</summary>
    public long PageBytes { get; set; }

    /// <summary>When a line last updated it, as a TimeProvider timestamp.</summary>
    public long LastUpdate { get; set; }
}
