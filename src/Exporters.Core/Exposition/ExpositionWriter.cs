using System.Buffers;
using System.Buffers.Text;

namespace Exporters.Core.Exposition;

/// <summary>
/// Writes samples in the negotiated format. A family's HELP and TYPE lines are written before its first
/// sample, so a family with no samples leaves no trace; the samples of a family must be written together.
/// </summary>
public sealed class ExpositionWriter
{
    private const long MaxExactInteger = 1L << 53;
    private readonly IBufferWriter<byte> _output;
    private MetricFamily? _current;

    public ExpositionWriter(IBufferWriter<byte> output, ExpositionFormat format)
    {
        _output = output;
        Format = format;
    }

    public ExpositionFormat Format { get; }

    private static ReadOnlySpan<byte> Eof => "# EOF\n"u8;

    public void WriteSample(MetricFamily family, LabelSet labels, double value) =>
        WriteSample(family, default, labels, default, value);

    /// <summary>
    /// Writes one sample: the family's sample name, then <paramref name="suffix"/> (e.g. <c>_bucket</c>),
    /// the labels, then <paramref name="extraLabels"/> (already encoded, e.g. <c>le="0.5"</c>), and the value.
    /// </summary>
    public void WriteSample(MetricFamily family, ReadOnlySpan<byte> suffix, LabelSet labels, ReadOnlySpan<byte> extraLabels, double value)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(labels);
        var openMetrics = Format == ExpositionFormat.OpenMetrics100;
        if (!ReferenceEquals(family, _current))
        {
            _current = family;
            Write(openMetrics ? family.OpenMetricsHeader : family.TextHeader);
        }

        Write(suffix.IsEmpty && openMetrics ? family.OpenMetricsSampleName : family.TextSampleName);
        Write(suffix);
        if (labels.Encoded.Length > 0 || !extraLabels.IsEmpty)
        {
            Write("{"u8);
            Write(labels.Encoded);
            if (labels.Encoded.Length > 0 && !extraLabels.IsEmpty)
            {
                Write(","u8);
            }

            Write(extraLabels);
            Write("}"u8);
        }

        Write(" "u8);
        WriteValue(value);
        Write("\n"u8);
    }

    /// <summary>
    /// Writes whole lines already in this writer's format, e.g. families merged from other pages. Each
    /// family must be complete; the next sample written starts a new family.
    /// </summary>
    public void WriteRaw(ReadOnlySpan<byte> lines)
    {
        _current = null;
        Write(lines);
    }

    /// <summary>
    /// The output, for writing whole lines already in this writer's format in place rather than copying
    /// them through <see cref="WriteRaw"/>. Each family must be complete; the next sample written starts a
    /// new family.
    /// </summary>
    public IBufferWriter<byte> BeginRaw()
    {
        _current = null;
        return _output;
    }

    /// <summary>Ends an OpenMetrics page with <c># EOF</c>; nothing for text 0.0.4.</summary>
    public void WriteEnd()
    {
        if (Format == ExpositionFormat.OpenMetrics100)
        {
            Write(Eof);
        }
    }

    private void WriteValue(double value)
    {
        if (double.IsNaN(value))
        {
            Write("NaN"u8);
            return;
        }

        if (double.IsInfinity(value))
        {
            Write(value > 0 ? "+Inf"u8 : "-Inf"u8);
            return;
        }

        var span = _output.GetSpan(32);
        int written;
        if (value == Math.Floor(value) && Math.Abs(value) <= MaxExactInteger)
        {
            Utf8Formatter.TryFormat((long)value, span, out written);
        }
        else
        {
            value.TryFormat(span, out written, "R", System.Globalization.CultureInfo.InvariantCulture);
            var exponent = span[..written].IndexOf((byte)'E');
            if (exponent >= 0)
            {
                span[exponent] = (byte)'e';
            }
        }

        _output.Advance(written);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var span = _output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        _output.Advance(bytes.Length);
    }
}
