using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>
/// Writes merged families as bytes in text 0.0.4 or OpenMetrics 1.0: HELP and TYPE once per family,
/// then every kept sample, labels as <c>name="value"</c> with the upstream's added labels after them.
/// In OpenMetrics a counter's family drops <c>_total</c> and its samples carry it; <c>_created</c>
/// samples exist in OpenMetrics only. The caller ends an OpenMetrics page with <c># EOF</c>.
/// </summary>
internal static class MergedPageWriter
{
    private const long MaxExactInteger = 1L << 53;

    public static void Write(IReadOnlyList<MergedFamily> families, IBufferWriter<byte> output, ExpositionFormat format)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(output);
        var openMetrics = format == ExpositionFormat.OpenMetrics100;
        foreach (var family in families)
        {
            WriteFamily(family, output, openMetrics);
        }
    }

    private static void WriteFamily(MergedFamily family, IBufferWriter<byte> output, bool openMetrics)
    {
        if (openMetrics && family.OpenMetricsLeftOut)
        {
            return;
        }

        // A family OpenMetrics cannot name as text does, or whose values break its type's rules there, is
        // written as unknown under its text names: a histogram or summary as one family per sample name.
        var unknown = openMetrics && (family.OpenMetricsUnknown || !OpenMetricsRules.Fits(family));
        var name = family.NameText.Utf8;
        if (unknown && family.Type is MetricType.Histogram or MetricType.Summary)
        {
            var histogram = family.Type == MetricType.Histogram;
            foreach (var suffix in histogram ? HistogramSuffixes : SummarySuffixes)
            {
                if (Has(family, suffix))
                {
                    WriteHeader(output, family, name, SuffixText(suffix), openMetrics, " unknown\n"u8);
                    WriteSamples(family, output, openMetrics, counter: false, unknown: true, name, name, suffix);
                }
            }

            return;
        }

        var counter = family.Type == MetricType.Counter && !unknown;
        var baseName = counter && family.Name.EndsWith("_total", StringComparison.Ordinal) ? name.AsSpan(0, name.Length - 6) : name;
        var headerName = openMetrics && counter ? baseName : name;
        WriteHeader(output, family, headerName, default, openMetrics, unknown ? " unknown\n"u8 : family.Type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            MetricType.Summary => " summary\n"u8,
            _ => openMetrics ? " unknown\n"u8 : " untyped\n"u8,
        });
        WriteSamples(family, output, openMetrics, counter, unknown, name, baseName, only: null);
    }

    private static readonly SampleSuffix[] HistogramSuffixes = [SampleSuffix.Bucket, SampleSuffix.Sum, SampleSuffix.Count];

    private static readonly SampleSuffix[] SummarySuffixes = [SampleSuffix.None, SampleSuffix.Sum, SampleSuffix.Count];

    private static bool Has(MergedFamily family, SampleSuffix suffix)
    {
        foreach (var part in family.Parts)
        {
            var samples = part.Family.Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                if (samples[s].Suffix == suffix && (part.Dropped is null || !part.Dropped[s]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void WriteHeader(IBufferWriter<byte> output, MergedFamily family, ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix, bool openMetrics, ReadOnlySpan<byte> type)
    {
        if (family.HelpText is not null)
        {
            Write(output, "# HELP "u8);
            Write(output, name);
            Write(output, suffix);
            Write(output, " "u8);
            Write(output, family.HelpText.EscapedHelp(openMetrics));
            Write(output, "\n"u8);
        }

        Write(output, "# TYPE "u8);
        Write(output, name);
        Write(output, suffix);
        Write(output, type);
    }

    /// <summary>The family's kept samples (of one suffix only when <paramref name="only"/> is given).</summary>
    private static void WriteSamples(MergedFamily family, IBufferWriter<byte> output, bool openMetrics, bool counter, bool unknown, ReadOnlySpan<byte> name, ReadOnlySpan<byte> baseName, SampleSuffix? only)
    {
        foreach (var part in family.Parts)
        {
            var source = part.Source;
            var body = source.Page.Body;
            var labels = source.Page.Labels;
            var samples = part.Family.Samples;
            var extraLength = ExtraLength(source.Labels);
            for (var s = 0; s < samples.Count; s++)
            {
                var sample = samples[s];
                if ((part.Dropped is not null && part.Dropped[s]) || (sample.Suffix == SampleSuffix.Created && (!openMetrics || unknown)) || (only is { } o && sample.Suffix != o))
                {
                    continue;
                }

                // One span per sample, as long as the line can be: name, suffix, labels, value, timestamp.
                var length = name.Length + 16 + extraLength + (2 * NumberLength);
                for (var i = 0; i < sample.LabelCount; i++)
                {
                    var label = labels[sample.LabelStart + i];
                    length += label.NameLength + label.ValueLength + 4;
                }

                var line = output.GetSpan(length);
                var at = 0;
                if (counter)
                {
                    Put(line, ref at, openMetrics ? baseName : name);
                    if (openMetrics)
                    {
                        Put(line, ref at, sample.Suffix == SampleSuffix.Created ? "_created"u8 : "_total"u8);
                    }
                }
                else
                {
                    Put(line, ref at, name);
                    Put(line, ref at, SuffixText(sample.Suffix));
                }

                PutLabels(line, ref at, body, labels, sample, source.Labels);
                line[at++] = (byte)' ';
                at += FormatValue(line[at..], sample.Value);
                if (sample.HasTimestamp)
                {
                    line[at++] = (byte)' ';
                    at += FormatTimestamp(line[at..], sample.TimestampMs, openMetrics);
                }

                line[at++] = (byte)'\n';
                output.Advance(at);
            }
        }
    }

    /// <summary>The most a value or a timestamp takes.</summary>
    private const int NumberLength = 32;

    private static int ExtraLength(UpstreamLabels extra)
    {
        var length = 0;
        for (var e = 0; e < extra.Count; e++)
        {
            length += extra.Names[e].Length + extra.Values[e].Length + 4;
        }

        return length;
    }

    private static void PutLabels(Span<byte> line, ref int at, ReadOnlySpan<byte> body, List<LabelRef> labels, ParsedSample sample, UpstreamLabels extra)
    {
        var any = false;
        for (var i = 0; i < sample.LabelCount; i++)
        {
            var label = labels[sample.LabelStart + i];
            line[at++] = any ? (byte)',' : (byte)'{';
            any = true;
            Put(line, ref at, body.Slice(label.NameStart, label.NameLength));
            Put(line, ref at, "=\""u8);
            Put(line, ref at, body.Slice(label.ValueStart, label.ValueLength));
            line[at++] = (byte)'"';
        }

        for (var e = 0; e < extra.Count; e++)
        {
            if (SeriesKeys.HasLabel(body, labels, sample, extra.Names[e]))
            {
                continue;
            }

            line[at++] = any ? (byte)',' : (byte)'{';
            any = true;
            Put(line, ref at, extra.Names[e]);
            Put(line, ref at, "=\""u8);
            Put(line, ref at, extra.Values[e]);
            line[at++] = (byte)'"';
        }

        if (any)
        {
            line[at++] = (byte)'}';
        }
    }

    private static void Put(Span<byte> line, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(line[at..]);
        at += bytes.Length;
    }

    private static ReadOnlySpan<byte> SuffixText(SampleSuffix suffix) => suffix switch
    {
        SampleSuffix.Bucket => "_bucket"u8,
        SampleSuffix.Sum => "_sum"u8,
        SampleSuffix.Count => "_count"u8,
        SampleSuffix.Created => "_created"u8,
        SampleSuffix.Total => "_total"u8,
        _ => default,
    };

    private static int FormatValue(Span<byte> span, double value)
    {
        if (double.IsNaN(value))
        {
            "NaN"u8.CopyTo(span);
            return 3;
        }

        if (double.IsInfinity(value))
        {
            (value > 0 ? "+Inf"u8 : "-Inf"u8).CopyTo(span);
            return 4;
        }

        int written;
        if (value == Math.Floor(value) && Math.Abs(value) <= MaxExactInteger)
        {
            Utf8Formatter.TryFormat((long)value, span, out written);
        }
        else
        {
            value.TryFormat(span, out written, "R", CultureInfo.InvariantCulture);
            var exponent = span[..written].IndexOf((byte)'E');
            if (exponent >= 0)
            {
                span[exponent] = (byte)'e';
            }
        }

        return written;
    }

    /// <summary>Text 0.0.4 timestamps are milliseconds; OpenMetrics ones seconds, written exactly.</summary>
    private static int FormatTimestamp(Span<byte> span, long milliseconds, bool openMetrics)
    {
        int written;
        if (!openMetrics)
        {
            Utf8Formatter.TryFormat(milliseconds, span, out written);
            return written;
        }

        var seconds = Math.DivRem(milliseconds, 1000, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += 1000;
        }

        Utf8Formatter.TryFormat(seconds, span, out written);
        if (rest != 0)
        {
            span[written++] = (byte)'.';
            Utf8Formatter.TryFormat(rest, span[written..], out var digits, new StandardFormat('D', 3));
            written += digits;
        }

        return written;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }
}
