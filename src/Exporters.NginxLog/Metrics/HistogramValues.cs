using System.Runtime.CompilerServices;
namespace Exporters.NginxLog.Metrics;

/// <summary>Counts per bucket (not cumulative), the sum and the count of one histogram series.</summary>
internal sealed class HistogramValues
{
    public HistogramValues(int bucketCount)
    {
        Buckets = new long[bucketCount];
    }

    /// <summary>Observations per upper bound; the +Inf bucket is <see cref="Count"/>.</summary>
    public long[] Buckets { get; }

    public double Sum { get; private set; }

    public long Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(double value, double[] upperBounds)
    {
        var i = 0;
        while (i < upperBounds.Length && value > upperBounds[i])
        {
            i++;
        }

        if (i < upperBounds.Length)
        {
            Buckets[i]++;
        }

        Sum += value;
        Count++;
    }
}
