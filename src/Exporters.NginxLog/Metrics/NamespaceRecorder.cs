using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Exporters.NginxLog.Parsing;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Metrics;

/// <summary>
/// Counts each line of a namespace: parses it, finds its label values (relabels are computed once per
/// distinct raw value, then cached by its bytes), and updates its series. No allocation per line once the
/// label values and series it needs exist. Lines that fail are counted as parse errors and sampled into
/// the log at most once per 10 seconds.
/// </summary>
internal sealed class NamespaceRecorder : ILineSink
{
    private const int RelabelCacheSize = 4096;
    private const int SampleBytes = 200;
    private static readonly TimeSpan ErrorLogInterval = TimeSpan.FromSeconds(10);

    private readonly NamespaceSchema _schema;
    private readonly SeriesStore _store;
    private readonly LineParser _parser;
    private readonly LineValues _values;
    private readonly ByteKeyInterner[] _relabelCache;
    private readonly int[] _methodIds;
    private readonly int[] _statusIds = new int[1000];
    private readonly TimeProvider _time;
    private readonly Serilog.ILogger _logger;
    private readonly bool _trackUpdates;
    private long _lastErrorLog;
    private long _errorsSinceLog;

    public NamespaceRecorder(NamespaceSchema schema, SeriesStore store, TimeProvider time, Serilog.ILogger logger)
    {
        _schema = schema;
        _store = store;
        _time = time;
        _logger = logger;
        _parser = new LineParser(schema.Matcher);
        _values = new LineValues(schema.Matcher.Variables.Count);
        _relabelCache = new ByteKeyInterner[schema.Config.Relabels.Count];
        for (var i = 0; i < _relabelCache.Length; i++)
        {
            _relabelCache[i] = new ByteKeyInterner(RelabelCacheSize);
        }

        _methodIds = new int[(int)HttpMethodKind.Other + 1];
        for (var kind = HttpMethodKind.None; kind <= HttpMethodKind.Other; kind++)
        {
            var name = kind is HttpMethodKind.None or HttpMethodKind.Other ? "other" : kind.ToString().ToUpperInvariant();
            _methodIds[(int)kind] = store.Values.Intern(name);
        }

        Array.Fill(_statusIds, -1);
        _trackUpdates = schema.Config.SeriesTtl is not null;
        _lastErrorLog = time.GetTimestamp() - (long)(ErrorLogInterval.TotalSeconds * time.TimestampFrequency);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnLine(ReadOnlySpan<byte> line)
    {
        lock (_store.Gate)
        {
            var error = _parser.Parse(line, _values);
            if (error != ParseError.None)
            {
                RecordError(error, line, line.Length);
                return;
            }

            var relabels = _relabelCache.Length;
            Span<int> key = stackalloc int[relabels + 2];
            for (var i = 0; i < relabels; i++)
            {
                var raw = line[_values.Variables[_schema.RelabelVariables[i]]];
                if (!_relabelCache[i].TryGet(raw, out key[i]) && !TryRelabel(i, raw, out key[i]))
                {
                    RecordError(ParseError.InvalidUtf8, line, line.Length);
                    return;
                }
            }

            if (relabels > 0 && key[..relabels].Contains(_store.TooLongId))
            {
                _store.TooLongLines++;
            }

            key[relabels] = _methodIds[(int)_values.Method];
            key[relabels + 1] = StatusId(_values.Status);
            var counter = _store.Counter(key);
            counter.Requests++;
            var series = _store.Metric(key, counter);
            if (_values.BodyBytesSent >= 0)
            {
                series.ResponseBytes += _values.BodyBytesSent;
            }

            if (_values.RequestLength >= 0)
            {
                series.RequestBytes += _values.RequestLength;
            }

            var timed = _schema.Timed;
            for (var i = 0; i < timed.Length; i++)
            {
                var seconds = timed[i].Value(_values);
                if (!double.IsNaN(seconds))
                {
                    series.Histograms[i].Observe(seconds, _schema.Buckets);
                    series.Summaries?[i]?.Observe(seconds);
                }
            }

            if (_trackUpdates)
            {
                counter.LastUpdate = series.LastUpdate = _time.GetTimestamp();
            }
        }
    }

    public void OnLineTooLong(long length)
    {
        lock (_store.Gate)
        {
            RecordError(ParseError.TooLong, default, length);
        }
    }

    /// <summary>First sight of a raw value: unescape, relabel, intern, cache.</summary>
    private bool TryRelabel(int index, ReadOnlySpan<byte> raw, out int id)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(raw.Length, 1));
        try
        {
            if (!ValueDecoder.TryDecode(raw, _schema.Matcher.Escaping, rented, out var written))
            {
                id = 0;
                return false;
            }

            var value = Relabeler.Apply(_schema.Config.Relabels[index], Encoding.UTF8.GetString(rented, 0, written));
            id = Encoding.UTF8.GetByteCount(value) > _schema.Config.MaxLabelBytes ? _store.TooLongId : _store.Values.Intern(value);
            _relabelCache[index].Add(raw, id);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StatusId(int status)
    {
        var config = _schema.Config;
        if (config.StatusClass && status > 0)
        {
            status = status / 100 * 100;
        }

        if ((uint)status >= (uint)_statusIds.Length)
        {
            return _store.Values.Intern(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var id = _statusIds[status];
        if (id < 0)
        {
            var text = !_schema.HasStatus ? "" : config.StatusClass ? $"{status / 100}xx" : status.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            id = _statusIds[status] = _store.Values.Intern(text);
        }

        return id;
    }

    private void RecordError(ParseError error, ReadOnlySpan<byte> line, long length)
    {
        _store.ParseErrors++;
        _errorsSinceLog++;
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastErrorLog, now) < ErrorLogInterval)
        {
            return;
        }

        _lastErrorLog = now;
        var sample = error == ParseError.TooLong
            ? $"a line of {length} bytes, longer than max_line_bytes ({_schema.Config.MaxLineBytes})"
            : Encoding.UTF8.GetString(line[..Math.Min(line.Length, SampleBytes)]);
        _logger.Warning(
            "Namespace {Namespace}: {Count} line(s) could not be parsed since the last report; e.g. {Reason}: {Sample}",
            _schema.Config.Name, _errorsSinceLog, error, sample);
        _errorsSinceLog = 0;
    }
}
