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
        var counter = family.Type == MetricType.Counter;
        var name = family.NameText.Utf8;
        var baseName = counter && family.Name.EndsWith("_total", StringComparison.Ordinal) ? name.AsSpan(0, name.Length - 6) : name;
        var headerName = openMetrics && counter ? baseName : name;
        if (family.HelpText is not null)
        {
            Write(output, "# HELP "u8);
            Write(output, headerName);
            Write(output, " "u8);
            Write(output, family.HelpText.EscapedHelp(openMetrics));
            Write(output, "\n"u8);
        }

        Write(output, "# TYPE "u8);
        Write(output, headerName);
        Write(output, family.Type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            MetricType.Summary => " summary\n"u8,
            _ => openMetrics ? " unknown\n"u8 : " untyped\n"u8,
        });

        foreach (var part in family.Parts)
        {
            var source = part.Source;
            var body = source.Page.Body;
            var labels = source.Page.Labels;
            var samples = part.Family.Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                var sample = samples[s];
                if ((part.Dropped is not null && part.Dropped[s]) || (sample.Suffix == SampleSuffix.Created && !openMetrics))
                {
                    continue;
                }

                if (counter)
                {
                    Write(output, openMetrics ? baseName : name);
                    if (openMetrics)
                    {
                        Write(output, sample.Suffix == SampleSuffix.Created ? "_created"u8 : "_total"u8);
                    }
                }
                else
                {
                    Write(output, name);
                    Write(output, SuffixText(sample.Suffix));
                }

                WriteLabels(output, body, labels, sample, source.Labels);
                Write(output, " "u8);
                WriteValue(output, sample.Value);
                if (sample.HasTimestamp)
                {
                    Write(output, " "u8);
                    WriteTimestamp(output, sample.TimestampMs, openMetrics);
                }

                Write(output, "\n"u8);
            }
        }
    }

    private static void WriteLabels(IBufferWriter<byte> output, ReadOnlySpan<byte> body, List<LabelRef> labels, ParsedSample sample, UpstreamLabels extra)
    {
        var any = false;
        for (var i = 0; i < sample.LabelCount; i++)
        {
            var label = labels[sample.LabelStart + i];
            Write(output, any ? ","u8 : "{"u8);
            any = true;
            Write(output, body.Slice(label.NameStart, label.NameLength));
            Write(output, "=\""u8);
            Write(output, body.Slice(label.ValueStart, label.ValueLength));
            Write(output, "\""u8);
        }

        for (var e = 0; e < extra.Count; e++)
        {
            if (SeriesKeys.HasLabel(body, labels, sample, extra.Names[e]))
            {
                continue;
            }

            Write(output, any ? ","u8 : "{"u8);
            any = true;
            Write(output, extra.Names[e]);
            Write(output, "=\""u8);
            Write(output, extra.Values[e]);
            Write(output, "\""u8);
        }

        if (any)
        {
            Write(output, "}"u8);
        }
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

    private static void WriteValue(IBufferWriter<byte> output, double value)
    {
        if (double.IsNaN(value))
        {
            Write(output, "NaN"u8);
            return;
        }

        if (double.IsInfinity(value))
        {
            Write(output, value > 0 ? "+Inf"u8 : "-Inf"u8);
            return;
        }

        var span = output.GetSpan(32);
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

        output.Advance(written);
    }

    /// <summary>Text 0.0.4 timestamps are milliseconds; OpenMetrics ones seconds, written exactly.</summary>
    private static void WriteTimestamp(IBufferWriter<byte> output, long milliseconds, bool openMetrics)
    {
        var span = output.GetSpan(32);
        int written;
        if (!openMetrics)
        {
            Utf8Formatter.TryFormat(milliseconds, span, out written);
            output.Advance(written);
            return;
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

        output.Advance(written);
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
