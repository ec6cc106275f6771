using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>
/// Whether a merged family, as its type, keeps OpenMetrics 1.0's rules for values and groups: counters'
/// totals neither negative nor NaN; in a histogram, each group (the labels but <c>le</c>) contiguous with
/// buckets of rising <c>le</c> ending at <c>+Inf</c>, whole, non-negative and cumulative counts, a
/// <c>_count</c> equal to the <c>+Inf</c> bucket and a <c>_sum</c> with it; in a summary, quantiles in
/// [0, 1] with non-negative values, whole non-negative counts; timestamps present for all of a group or
/// none, not going back; a counter's series contiguous. A family that breaks one is written as <c>unknown</c> by <see cref="MergedPageWriter"/>.
/// </summary>
internal static class OpenMetricsRules
{
    [ThreadStatic]
    private static HashSet<ulong>? _groups;

    public static bool Fits(MergedFamily family)
    {
        switch (family.Type)
        {
            case MetricType.Counter:
            case MetricType.Histogram:
            case MetricType.Summary:
                var groups = _groups ??= [];
                groups.Clear();
                return GroupsFit(family, groups);
            default:
                return true;
        }
    }

    private static bool Kept(MergedPart part, int s) => part.Dropped is null || !part.Dropped[s];

    private static bool GroupsFit(MergedFamily family, HashSet<ulong> seen)
    {
        var histogram = family.Type == MetricType.Histogram;
        var counter = family.Type == MetricType.Counter;
        var group = new Group();
        var started = false;
        ulong previous = 0;
        var previousHasTimestamp = false;
        long previousTimestamp = 0;
        foreach (var part in family.Parts)
        {
            var source = part.Source;
            var body = source.Page.Body;
            var labels = source.Page.Labels;
            var samples = part.Family.Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                if (!Kept(part, s))
                {
                    continue;
                }

                var sample = samples[s];
                var quantileOrBucket = !counter && (histogram ? sample.Suffix == SampleSuffix.Bucket : sample.Suffix == SampleSuffix.None);
                var excluded = quantileOrBucket ? (histogram ? "le"u8 : "quantile"u8) : default;
                var key = GroupKey(body, labels, sample, source.Labels, excluded, out var number, out var numberText);
                if (!started || key != previous)
                {
                    if ((started && !group.Fits(histogram)) || !seen.Add(key))
                    {
                        return false;
                    }

                    group = default;
                }
                else if (previousHasTimestamp != sample.HasTimestamp || (sample.HasTimestamp && sample.TimestampMs < previousTimestamp))
                {
                    return false;
                }
                else if (previousTimestamp != sample.TimestampMs)
                {
                    // A new group of the same labels at a later time.
                    if (!group.Fits(histogram))
                    {
                        return false;
                    }

                    group = default;
                }

                started = true;
                previous = key;
                previousHasTimestamp = sample.HasTimestamp;
                previousTimestamp = sample.TimestampMs;
                if (counter ? sample.Suffix == SampleSuffix.None && !(sample.Value >= 0) : !group.Add(sample, histogram, quantileOrBucket, number, numberText))
                {
                    return false;
                }
            }
        }

        return !started || group.Fits(histogram);
    }

    /// <summary>
    /// A hash of the sample's labels as written (the upstream's added ones too) but <paramref name="excluded"/>,
    /// whatever their order; and the excluded label's value as a number (NaN when missing or not a number).
    /// </summary>
    private static ulong GroupKey(ReadOnlySpan<byte> body, List<LabelRef> labels, ParsedSample sample, UpstreamLabels extra, ReadOnlySpan<byte> excluded, out double number, out ReadOnlySpan<byte> numberText)
    {
        number = double.NaN;
        numberText = default;
        ulong key = 0;
        for (var i = 0; i < sample.LabelCount; i++)
        {
            var label = labels[sample.LabelStart + i];
            var name = body.Slice(label.NameStart, label.NameLength);
            var value = body.Slice(label.ValueStart, label.ValueLength);
            if (!excluded.IsEmpty && name.SequenceEqual(excluded))
            {
                numberText = value;
                if (!ExpositionParser.TryParseValue(value, out number))
                {
                    number = double.NaN;
                }

                continue;
            }

            key += Mix(name, value);
        }

        for (var e = 0; e < extra.Count; e++)
        {
            if (!SeriesKeys.HasLabel(body, labels, sample, extra.Names[e]))
            {
                key += Mix(extra.Names[e], extra.Values[e]);
            }
        }

        return key;
    }

    private static ulong Mix(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => (SeriesKeys.Hash(name) * 0x9E3779B97F4A7C15UL) ^ SeriesKeys.Hash(value);

    private static bool IsWhole(double value) => value >= 0 && value == Math.Floor(value) && !double.IsInfinity(value);

    /// <summary>What one group of a histogram or summary has had so far.</summary>
    private struct Group
    {
        private bool _bucket;
        private double _le;
        private double _bucketValue;
        private bool _negativeBucket;
        private bool _count;
        private double _countValue;
        private bool _sum;

        public bool Add(ParsedSample sample, bool histogram, bool quantileOrBucket, double number, ReadOnlySpan<byte> numberText)
        {
            var value = sample.Value;
            switch (sample.Suffix)
            {
                case SampleSuffix.Created:
                    return true;
                case SampleSuffix.Count:
                    _count = true;
                    _countValue = value;
                    return IsWhole(value);
                case SampleSuffix.Sum:
                    _sum = true;
                    return value >= 0;
            }

            if (!quantileOrBucket)
            {
                return false;
            }

            if (!histogram)
            {
                // A quantile: its label in [0, 1], its value not negative.
                return number is >= 0 and <= 1 && !(value < 0);
            }

            // A bucket: le rising (+Inf written so), counts whole and cumulative.
            if (double.IsNaN(number) || (_bucket && number <= _le) || (double.IsPositiveInfinity(number) && !numberText.SequenceEqual("+Inf"u8))
                || !IsWhole(value) || (_bucket && value < _bucketValue))
            {
                return false;
            }

            _negativeBucket |= number < 0;
            _bucket = true;
            _le = number;
            _bucketValue = value;
            return true;
        }

        public readonly bool Fits(bool histogram)
        {
            if (!histogram)
            {
                return true;
            }

            return _count == _sum && _bucket && double.IsPositiveInfinity(_le) && (!_count || _countValue == _bucketValue) && !(_negativeBucket && _sum);
        }
    }
}
