using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>
/// Parses a whole page of the Prometheus text format 0.0.4, or of OpenMetrics 1.0, byte by byte: comments,
/// blank lines, HELP/TYPE (and UNIT, ignored), escapes, NaN and infinities, timestamps, CRLF line ends,
/// a missing final newline, <c># EOF</c>, exemplars (dropped), blanks before a line. Samples keep offsets
/// into the body; the only strings made are the names and HELP texts of families. As Prometheus does, an
/// escape other than <c>\\</c>, <c>\"</c> and <c>\n</c> keeps its backslash (such a label value is
/// rewritten after the page, escaped); a sample line that is not valid (bad syntax, invalid UTF-8, a name
/// its family's type does not allow) is left out and counted in <see cref="PageStorage.Dropped"/>, the
/// rest of the page kept.
/// </summary>
internal sealed class ExpositionParser
{
    private readonly byte[] _body;
    private readonly int _length;
    private readonly bool _openMetrics;
    private readonly PageStorage _storage;
    private readonly List<ParsedFamily> _families;
    private readonly Dictionary<InternedText, ParsedFamily> _byName;
    private readonly Dictionary<InternedText, ParsedFamily>.AlternateLookup<ReadOnlySpan<byte>> _byNameBytes;
    private readonly List<LabelRef> _labels;
    private ParsedFamily? _current;
    private byte[] _currentName = [];
    private int _lineNumber;
    private readonly HeaderLine[]? _previousHeaders;
    private readonly bool _rememberHeaders;
    private List<HeaderLine>? _newHeaders;
    private int _headerIndex;
    private ParsedFamily? _headerFamily;
    private readonly bool _validUtf8;
    private DropReason _dropReason;
    private byte[]? _rewritten;
    private int _rewrittenLength;
    private int _samples;

    private ExpositionParser(byte[] body, int length, bool openMetrics, PageStorage storage, bool rememberHeaders, HeaderLine[]? previousHeaders)
    {
        _rememberHeaders = rememberHeaders;
        _previousHeaders = previousHeaders;
        _body = body;
        _length = length;
        _openMetrics = openMetrics;
        _storage = storage;
        _families = storage.Families;
        _byName = storage.ByName;
        _byNameBytes = _byName.GetAlternateLookup<ReadOnlySpan<byte>>();
        _labels = storage.Labels;
        _validUtf8 = Utf8.IsValid(body.AsSpan(0, length));
    }

    private static readonly SearchValues<byte> MetricNameBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    private static readonly SearchValues<byte> LabelNameBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    private static ReadOnlySpan<byte> Help => "HELP"u8;

    private static ReadOnlySpan<byte> Type => "TYPE"u8;

    private static ReadOnlySpan<byte> Eof => "EOF"u8;

    /// <summary>Parses <paramref name="length"/> bytes of <paramref name="body"/>.</summary>
    /// <param name="body">The page; the result keeps pointing into it.</param>
    /// <param name="length">How many bytes of the body are the page.</param>
    /// <param name="openMetrics">True when the upstream said the page is OpenMetrics (timestamps in seconds).</param>
    /// <param name="pooled">True when the body is rented from the shared pool; the page returns it.</param>
    /// <param name="page">The parsed page.</param>
    /// <param name="error">Why the page is not valid, with its line number.</param>
    /// <param name="headers">The header lines of the same upstream's last page, reused where unchanged and then updated; or null.</param>
    public static bool TryParse(byte[] body, int length, bool openMetrics, bool pooled, out ParsedPage? page, out string? error, HeaderMemory? headers = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var storage = PageStorage.Rent();
        var parser = new ExpositionParser(body, length, openMetrics, storage, headers is not null, headers?.Lines(openMetrics));
        error = parser.Run();
        if (error is null && parser._samples == 0)
        {
            // Nothing but lines that are not samples: not a metrics page at all.
            error = FirstDropped(storage);
        }

        if (error is not null)
        {
            parser.ReturnRewritten();
            storage.Return();
            page = null;
            return false;
        }

        parser.Finish();
        if (headers is not null && parser.HeadersChanged(out var lines))
        {
            headers.Remember(lines, openMetrics);
        }

        var total = parser.AppendRewritten(ref body, length, ref pooled);
        page = new ParsedPage(body, total, pooled, storage);
        return true;
    }

    private static string? FirstDropped(PageStorage storage)
    {
        foreach (var first in storage.FirstDropped)
        {
            if (first is not null)
            {
                return first;
            }
        }

        return null;
    }

    /// <summary>
    /// Puts the rewritten label values after the page's bytes (in the same array when it is the parser's to
    /// write and has room, else in a larger pooled one); returns how many bytes the page's labels now span.
    /// </summary>
    private int AppendRewritten(ref byte[] body, int length, ref bool pooled)
    {
        if (_rewritten is null)
        {
            return length;
        }

        var total = length + _rewrittenLength;
        if (!pooled || body.Length < total)
        {
            var larger = ArrayPool<byte>.Shared.Rent(total);
            body.AsSpan(0, length).CopyTo(larger);
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            body = larger;
            pooled = true;
        }

        _rewritten.AsSpan(0, _rewrittenLength).CopyTo(body.AsSpan(length));
        ReturnRewritten();
        return total;
    }

    private void ReturnRewritten()
    {
        if (_rewritten is not null)
        {
            ArrayPool<byte>.Shared.Return(_rewritten);
            _rewritten = null;
        }
    }

    /// <summary>Parses a page held in a string; for tests and tools.</summary>
    public static bool TryParse(string text, bool openMetrics, out ParsedPage? page, out string? error)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return TryParse(bytes, bytes.Length, openMetrics, pooled: false, out page, out error);
    }

    private string? Run()
    {
        var position = 0;
        var sawEof = false;
        while (position < _length)
        {
            _lineNumber++;
            var rest = _body.AsSpan(position, _length - position);
            var newline = rest.IndexOf((byte)'\n');
            var lineLength = newline < 0 ? rest.Length : newline;
            var lineStart = position;
            position += newline < 0 ? rest.Length : newline + 1;
            var line = rest[..lineLength];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (sawEof)
            {
                if (IsBlank(line))
                {
                    continue;
                }

                return Fail("text after # EOF");
            }

            if (IsBlank(line))
            {
                continue;
            }

            // Blanks before a line are allowed, as Prometheus' parsers allow them.
            var indent = SkipBlanks(line, 0);
            line = line[indent..];
            lineStart += indent;
            if (line[0] == (byte)'#')
            {
                var error = ParseComment(line, ref sawEof);
                if (error is not null)
                {
                    return Fail(error);
                }

                continue;
            }

            var labelCount = _labels.Count;
            var rewritten = _rewrittenLength;
            _dropReason = DropReason.InvalidLine;
            var dropped = !_validUtf8 && !Utf8.IsValid(line) ? "a label value is not valid UTF-8" : ParseSample(line, lineStart);
            if (dropped is not null)
            {
                if (!_validUtf8 && !Utf8.IsValid(line))
                {
                    _dropReason = DropReason.InvalidUtf8;
                }

                _labels.RemoveRange(labelCount, _labels.Count - labelCount);
                _rewrittenLength = rewritten;
                Drop(dropped);
            }
        }

        return null;
    }

    /// <summary>Counts a sample line left off the page; the first of each reason keeps its message.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Drop(string message)
    {
        var reason = (int)_dropReason;
        _storage.Dropped[reason]++;
        _storage.FirstDropped[reason] ??= Fail(message);
    }

    private string Fail(string message) => $"line {_lineNumber.ToString(CultureInfo.InvariantCulture)}: {message}";

    private string? ParseComment(ReadOnlySpan<byte> line, ref bool sawEof)
    {
        var i = SkipBlanks(line, 1);
        var wordStart = i;
        while (i < line.Length && !IsBlank(line[i]))
        {
            i++;
        }

        var word = line[wordStart..i];
        if (word.SequenceEqual(Eof) && IsBlank(line[i..]))
        {
            sawEof = true;
            return null;
        }

        var isHelp = word.SequenceEqual(Help);
        var isType = word.SequenceEqual(Type);
        if (!isHelp && !isType)
        {
            // Any other comment, OpenMetrics' UNIT included, carries nothing the merged page keeps.
            return null;
        }

        if (i == wordStart + 4 && i < line.Length)
        {
            i = SkipBlanks(line, i);
        }
        else
        {
            return $"{(isHelp ? "HELP" : "TYPE")} without a metric name";
        }

        var nameStart = i;
        i = ScanMetricName(line, i);
        if (i == nameStart)
        {
            return $"invalid metric name in {(isHelp ? "HELP" : "TYPE")} line";
        }

        var remembered = RememberedHeader(line);
        var interned = remembered?.Name ?? TextInterner.Name(line[nameStart..i]);
        var name = interned.Text;
        if (i < line.Length && !IsBlank(line[i]))
        {
            return $"invalid metric name in {(isHelp ? "HELP" : "TYPE")} line";
        }

        // A TYPE line mostly follows the HELP line of its family: no second lookup by name then.
        var family = _headerFamily is { } last && ReferenceEquals(last.NameText, interned) ? last : GetOrAddFamily(interned);
        _headerFamily = family;
        var text = i < line.Length ? line[SkipBlanks(line, i)..] : default;
        if (isHelp)
        {
            if (family.HelpText is not null)
            {
                return $"second HELP line for {name}";
            }

            var help = remembered is null ? TextInterner.Help(text, _openMetrics, Unescape) : remembered.Help;
            if (help is null)
            {
                return $"invalid escape sequence in HELP of {name}";
            }

            family.HelpText = help;
            NoteHeader(line, remembered, interned, help);
            return null;
        }

        if (family.TypeSeen)
        {
            return $"second TYPE line for {name}";
        }

        if (family.Samples.Count > 0)
        {
            return $"TYPE line for {name} after its samples";
        }

        text = TrimBlanks(text);
        if (text.SequenceEqual("counter"u8))
        {
            family.Type = MetricType.Counter;
        }
        else if (text.SequenceEqual("gauge"u8) || text.SequenceEqual("stateset"u8) || text.SequenceEqual("info"u8))
        {
            // An info family "x" has samples "x_info": a gauge of that name on the merged page.
            family.Type = MetricType.Gauge;
            if (text.SequenceEqual("info"u8))
            {
                var infoName = TextInterner.Name(name + "_info");
                if (_byName.ContainsKey(infoName))
                {
                    return $"info family {name} clashes with {name}_info";
                }

                _byName.Remove(family.NameText);
                family.NameText = infoName;
                _byName[infoName] = family;
            }
        }
        else if (text.SequenceEqual("histogram"u8))
        {
            family.Type = MetricType.Histogram;
        }
        else if (text.SequenceEqual("summary"u8))
        {
            family.Type = MetricType.Summary;
        }
        else if (text.SequenceEqual("untyped"u8) || text.SequenceEqual("unknown"u8))
        {
            family.Type = MetricType.Untyped;
        }
        else if (text.SequenceEqual("gaugehistogram"u8))
        {
            family.Type = MetricType.Histogram;
            family.Unsupported = true;
        }
        else
        {
            return $"unknown metric type \"{Encoding.UTF8.GetString(text)}\" for {name}";
        }

        family.TypeSeen = true;
        _current = family;
        _currentName = family.NameText.Utf8;
        NoteHeader(line, remembered, interned, null);
        return null;
    }

    /// <summary>The last page's header line at this place when its bytes are those of <paramref name="line"/>.</summary>
    private HeaderLine? RememberedHeader(ReadOnlySpan<byte> line) =>
        _previousHeaders is { } previous && _headerIndex < previous.Length && previous[_headerIndex].Line.AsSpan().SequenceEqual(line)
            ? previous[_headerIndex]
            : null;

    /// <summary>Counts a parsed header line; from the first one unlike the last page's, keeps a new list.</summary>
    private void NoteHeader(ReadOnlySpan<byte> line, HeaderLine? remembered, InternedText name, InternedText? help)
    {
        // Without a memory to update (a page parsed once), the header lines are not copied.
        if (!_rememberHeaders)
        {
            return;
        }

        if (remembered is null && _newHeaders is null)
        {
            _newHeaders = new List<HeaderLine>(Math.Max(_headerIndex * 2, 16));
            for (var i = 0; i < _headerIndex; i++)
            {
                _newHeaders.Add(_previousHeaders![i]);
            }
        }

        _newHeaders?.Add(remembered ?? new HeaderLine(line.ToArray(), name, help));
        _headerIndex++;
    }

    /// <summary>True, with the page's header lines, when they differ from the last page's.</summary>
    private bool HeadersChanged(out HeaderLine[] lines)
    {
        if (_newHeaders is not null)
        {
            lines = [.. _newHeaders];
            return true;
        }

        // Every header line matched; the page may still have fewer than the last one.
        if (_previousHeaders is not null && _headerIndex < _previousHeaders.Length)
        {
            lines = _previousHeaders[.._headerIndex];
            return true;
        }

        lines = [];
        return false;
    }

    private string? ParseSample(ReadOnlySpan<byte> line, int lineStart)
    {
        var nameEnd = ScanMetricName(line, 0);
        if (nameEnd == 0)
        {
            return "invalid metric name";
        }

        var name = line[..nameEnd];
        var i = SkipBlanks(line, nameEnd);
        var labelStart = _labels.Count;
        if (i < line.Length && line[i] == (byte)'{')
        {
            var error = ParseLabels(line, lineStart, ref i);
            if (error is not null)
            {
                return error;
            }

            i = SkipBlanks(line, i);
        }
        else if (i == nameEnd)
        {
            return "expected a space or { after the metric name";
        }

        var valueStart = i;
        while (i < line.Length && !IsBlank(line[i]))
        {
            i++;
        }

        if (!TryParseValue(line[valueStart..i], out var value))
        {
            return $"invalid value \"{Encoding.UTF8.GetString(line[valueStart..i])}\"";
        }

        i = SkipBlanks(line, i);
        long timestamp = 0;
        var hasTimestamp = false;
        if (i < line.Length && line[i] != (byte)'#')
        {
            var timestampStart = i;
            while (i < line.Length && !IsBlank(line[i]))
            {
                i++;
            }

            if (!TryParseTimestamp(line[timestampStart..i], out timestamp))
            {
                return $"invalid timestamp \"{Encoding.UTF8.GetString(line[timestampStart..i])}\"";
            }

            hasTimestamp = true;
            i = SkipBlanks(line, i);
        }

        // An OpenMetrics exemplar (" # {...} value") is dropped; anything else after the sample is an error.
        if (i < line.Length && line[i] != (byte)'#')
        {
            return "unexpected text after the sample";
        }

        var (family, suffix) = FamilyOf(name);
        if (family is null)
        {
            _dropReason = DropReason.WrongType;
            return $"sample {Encoding.UTF8.GetString(name)} does not fit the type of its family";
        }

        if ((family.Type == MetricType.Histogram && suffix == SampleSuffix.Bucket && !HasNumber(labelStart, "le"u8))
            || (family.Type == MetricType.Summary && suffix == SampleSuffix.None && !HasNumber(labelStart, "quantile"u8)))
        {
            _dropReason = DropReason.WrongType;
            return family.Type == MetricType.Histogram ? "a bucket without a numeric le label" : "a quantile without a numeric quantile label";
        }

        family.Samples.Add(new ParsedSample(suffix, labelStart, _labels.Count - labelStart, value, timestamp, hasTimestamp));
        _samples++;
        return null;
    }

    /// <summary>True when the sample's labels from <paramref name="labelStart"/> have one of this name whose value is a number.</summary>
    private bool HasNumber(int labelStart, ReadOnlySpan<byte> name)
    {
        for (var i = labelStart; i < _labels.Count; i++)
        {
            var label = _labels[i];
            if (_body.AsSpan(label.NameStart, label.NameLength).SequenceEqual(name))
            {
                return label.ValueStart + label.ValueLength <= _length && TryParseValue(_body.AsSpan(label.ValueStart, label.ValueLength), out _);
            }
        }

        return false;
    }

    private string? ParseLabels(ReadOnlySpan<byte> line, int lineStart, ref int i)
    {
        var first = _labels.Count;
        i++;
        while (true)
        {
            i = SkipBlanks(line, i);
            if (i >= line.Length)
            {
                return "unterminated label set";
            }

            if (line[i] == (byte)'}')
            {
                i++;
                return null;
            }

            var nameStart = i;
            i = ScanLabelName(line, i);
            if (i == nameStart)
            {
                return "invalid label name";
            }

            var nameLength = i - nameStart;
            i = SkipBlanks(line, i);
            if (i >= line.Length || line[i] != (byte)'=')
            {
                return "expected = after a label name";
            }

            i = SkipBlanks(line, i + 1);
            if (i >= line.Length || line[i] != (byte)'"')
            {
                return "expected a quoted label value";
            }

            i++;
            var valueStart = i;
            var otherEscape = false;
            while (true)
            {
                var quoteOrEscape = line[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (quoteOrEscape < 0)
                {
                    return "unterminated label value";
                }

                i += quoteOrEscape;
                if (line[i] == (byte)'"')
                {
                    break;
                }

                if (i + 1 >= line.Length)
                {
                    return "unterminated label value";
                }

                otherEscape |= line[i + 1] is not ((byte)'\\' or (byte)'"' or (byte)'n');
                i += 2;
            }

            var label = otherEscape
                ? new LabelRef(lineStart + nameStart, nameLength, _length + _rewrittenLength, Rewrite(line[valueStart..i]))
                : new LabelRef(lineStart + nameStart, nameLength, lineStart + valueStart, i - valueStart);
            var labelName = line.Slice(nameStart, nameLength);
            for (var j = first; j < _labels.Count; j++)
            {
                if (_body.AsSpan(_labels[j].NameStart, _labels[j].NameLength).SequenceEqual(labelName))
                {
                    return $"label {Encoding.UTF8.GetString(labelName)} given twice";
                }
            }

            if (!labelName.SequenceEqual("__name__"u8))
            {
                _labels.Add(label);
            }

            i = SkipBlanks(line, i + 1);
            if (i < line.Length && line[i] == (byte)',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != (byte)'}')
            {
                return "expected , or } after a label";
            }
        }
    }

    /// <summary>
    /// Keeps a label value with escapes other than <c>\\</c>, <c>\"</c> and <c>\n</c> as Prometheus reads it
    /// (the backslash kept) by writing it again with that backslash escaped; returns the new length.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int Rewrite(ReadOnlySpan<byte> value)
    {
        var needed = _rewrittenLength + (2 * value.Length);
        if (_rewritten is null || _rewritten.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 256));
            if (_rewritten is not null)
            {
                _rewritten.AsSpan(0, _rewrittenLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_rewritten);
            }

            _rewritten = larger;
        }

        var start = _rewrittenLength;
        var to = _rewritten.AsSpan();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != (byte)'\\')
            {
                to[_rewrittenLength++] = value[i];
                continue;
            }

            to[_rewrittenLength++] = (byte)'\\';
            var next = value[++i];
            if (next is not ((byte)'\\' or (byte)'"' or (byte)'n'))
            {
                to[_rewrittenLength++] = (byte)'\\';
            }

            to[_rewrittenLength++] = next;
        }

        return _rewrittenLength - start;
    }

    /// <summary>The family a sample belongs to, and its suffix; a null family when the name breaks its family's type.</summary>
    private (ParsedFamily? Family, SampleSuffix Suffix) FamilyOf(ReadOnlySpan<byte> name)
    {
        if (_current is not null && name.StartsWith(_currentName))
        {
            var suffix = SuffixOf(_current.Type, name[_currentName.Length..]);
            if (suffix is not null)
            {
                return (_current, suffix.Value);
            }
        }

        var interned = TextInterner.Name(name);
        _byName.TryGetValue(interned, out var exact);
        if (exact is not null && SuffixOf(exact.Type, default) is not null)
        {
            return Select(exact, SampleSuffix.None);
        }

        foreach (var (candidate, length) in SuffixCandidates)
        {
            if (name.Length > length && name.EndsWith(candidate)
                && _byNameBytes.TryGetValue(name[..^length], out var family)
                && SuffixOf(family.Type, name[^length..]) is { } suffix)
            {
                return Select(family, suffix);
            }
        }

        return exact is null ? Select(GetOrAddFamily(interned), SampleSuffix.None) : (null, SampleSuffix.None);
    }

    private (ParsedFamily Family, SampleSuffix Suffix) Select(ParsedFamily family, SampleSuffix suffix)
    {
        _current = family;
        _currentName = family.NameText.Utf8;
        return (family, suffix);
    }

    private static readonly (byte[] Suffix, int Length)[] SuffixCandidates =
        [("_bucket"u8.ToArray(), 7), ("_sum"u8.ToArray(), 4), ("_count"u8.ToArray(), 6), ("_created"u8.ToArray(), 8), ("_total"u8.ToArray(), 6), ("_gsum"u8.ToArray(), 5), ("_gcount"u8.ToArray(), 7)];

    private static SampleSuffix? SuffixOf(MetricType type, ReadOnlySpan<byte> suffix)
    {
        if (suffix.IsEmpty)
        {
            return type == MetricType.Histogram ? null : SampleSuffix.None;
        }

        return type switch
        {
            MetricType.Counter when suffix.SequenceEqual("_total"u8) => SampleSuffix.Total,
            MetricType.Counter or MetricType.Histogram or MetricType.Summary when suffix.SequenceEqual("_created"u8) => SampleSuffix.Created,
            MetricType.Histogram when suffix.SequenceEqual("_bucket"u8) => SampleSuffix.Bucket,
            MetricType.Histogram when suffix.SequenceEqual("_gcount"u8) => SampleSuffix.Count,
            MetricType.Histogram when suffix.SequenceEqual("_gsum"u8) => SampleSuffix.Sum,
            MetricType.Histogram or MetricType.Summary when suffix.SequenceEqual("_sum"u8) => SampleSuffix.Sum,
            MetricType.Histogram or MetricType.Summary when suffix.SequenceEqual("_count"u8) => SampleSuffix.Count,
            _ => null,
        };
    }

    private ParsedFamily GetOrAddFamily(InternedText name)
    {
        if (!_byName.TryGetValue(name, out var family))
        {
            family = _storage.NewFamily(name);
            _byName[name] = family;
            _families.Add(family);
        }

        return family;
    }

    /// <summary>
    /// Folds OpenMetrics counters (family <c>x</c>, samples <c>x_total</c>) into the text format's shape
    /// (family <c>x_total</c>), drops families without samples and those the text format cannot carry.
    /// </summary>
    private void Finish()
    {
        for (var f = _families.Count - 1; f >= 0; f--)
        {
            var family = _families[f];
            if (family.Samples.Count == 0 || family.Unsupported)
            {
                _families.RemoveAt(f);
                _storage.Spare(family);
                continue;
            }

            if (family.Type != MetricType.Counter)
            {
                continue;
            }

            var hasTotal = false;
            foreach (var sample in family.Samples)
            {
                hasTotal |= sample.Suffix == SampleSuffix.Total;
            }

            if (!hasTotal)
            {
                continue;
            }

            family.NameText = TextInterner.Name(family.Name + "_total");
            var samples = family.Samples;
            for (var s = samples.Count - 1; s >= 0; s--)
            {
                if (samples[s].Suffix == SampleSuffix.None)
                {
                    // "x" beside "x_total" in one counter family: not a shape either format allows.
                    samples.RemoveAt(s);
                }
                else if (samples[s].Suffix == SampleSuffix.Total)
                {
                    samples[s] = samples[s] with { Suffix = SampleSuffix.None };
                }
            }
        }
    }

    internal static bool TryParseValue(ReadOnlySpan<byte> text, out double value)
    {
        if (text.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (TryParseShortDecimal(text, out value))
        {
            return true;
        }

        var unsigned = text[0] is (byte)'+' or (byte)'-' ? text[1..] : text;
        if (EqualsIgnoreCase(unsigned, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        if (EqualsIgnoreCase(unsigned, "inf"u8) || EqualsIgnoreCase(unsigned, "infinity"u8))
        {
            value = text[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        foreach (var b in text)
        {
            if (!(char.IsAsciiDigit((char)b) || b is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-' or (byte)'_'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The common values, such as <c>0</c>, <c>1234.5</c> or <c>1.5e+09</c>, with at most 15 digits and a
    /// power of ten within 10^±22: the digits and the power are exact doubles, so one multiplication or
    /// division rounds as a full parse would (Clinger's fast path). Anything else is left to the full parse.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var exponent = 0;
        for (; i < text.Length && char.IsAsciiDigit((char)text[i]); i++, digits++)
        {
            mantissa = (mantissa * 10) + (text[i] - '0');
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit((char)text[i]); i++, digits++, exponent--)
            {
                mantissa = (mantissa * 10) + (text[i] - '0');
            }
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }

            var start = i;
            var power = 0;
            for (; i < text.Length && i - start < 3 && char.IsAsciiDigit((char)text[i]); i++)
            {
                power = (power * 10) + (text[i] - '0');
            }

            if (i == start)
            {
                return false;
            }

            exponent += negativeExponent ? -power : power;
        }

        if (i != text.Length)
        {
            return false;
        }

        double result = mantissa;
        if (mantissa != 0)
        {
            if (exponent is < -22 or > 22)
            {
                return false;
            }

            result = exponent < 0 ? result / ExactPowersOfTen[-exponent] : result * ExactPowersOfTen[exponent];
        }

        value = negative ? -result : result;
        return true;
    }

    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private bool TryParseTimestamp(ReadOnlySpan<byte> text, out long milliseconds)
    {
        if (!_openMetrics && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds))
        {
            return true;
        }

        milliseconds = 0;
        if (!_openMetrics || !TryParseValue(text, out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        milliseconds = (long)Math.Round(seconds * 1000);
        return true;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower)
    {
        if (text.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Undoes HELP escaping: <c>\\</c> and <c>\n</c>, and in OpenMetrics <c>\"</c>; another escape keeps its backslash, as in Prometheus.</summary>
    private static string? Unescape(ReadOnlySpan<byte> text, bool openMetrics)
    {
        if (text.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(text);
        }

        var bytes = new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'\\')
            {
                bytes[length++] = text[i];
                continue;
            }

            if (++i >= text.Length)
            {
                // A trailing lone backslash: the text format keeps it as it is.
                bytes[length++] = (byte)'\\';
                break;
            }

            switch (text[i])
            {
                case (byte)'\\':
                    bytes[length++] = (byte)'\\';
                    break;
                case (byte)'n':
                    bytes[length++] = (byte)'\n';
                    break;
                case (byte)'"' when openMetrics:
                    bytes[length++] = (byte)'"';
                    break;
                default:
                    // Other backslashes are left alone.
                    bytes[length++] = (byte)'\\';
                    bytes[length++] = text[i];
                    break;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    /// <summary>The end of a metric name at <paramref name="i"/>: letters, digits, _ and :, not starting with a digit.</summary>
    private static int ScanMetricName(ReadOnlySpan<byte> line, int i) => ScanName(line, i, MetricNameBytes);

    /// <summary>The end of a label name at <paramref name="i"/>: letters, digits and _, not starting with a digit.</summary>
    private static int ScanLabelName(ReadOnlySpan<byte> line, int i) => ScanName(line, i, LabelNameBytes);

    private static int ScanName(ReadOnlySpan<byte> line, int i, SearchValues<byte> allowed)
    {
        if (i >= line.Length || IsDigit(line[i]))
        {
            return i;
        }

        var length = line[i..].IndexOfAnyExcept(allowed);
        return length < 0 ? line.Length : i + length;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    private static int SkipBlanks(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && IsBlank(line[i]))
        {
            i++;
        }

        return i;
    }

    private static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);
}
