using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Exporters.NginxLog.Format;

namespace Exporters.NginxLog.Parsing;

/// <summary>
/// Parses lines of one namespace into a reused <see cref="LineValues"/> without allocating: the matcher finds
/// each variable's range, then the variables with a meaning are read by index (looked up once, here).
/// A value that is empty or exactly "-" is absent; any other value a number is expected in is
/// <see cref="ParseError.BadNumber"/>.
/// </summary>
internal sealed class LineParser
{
    private readonly ILineMatcher _matcher;
    private readonly int _variableCount;
    private readonly bool _json;
    private readonly int _request;
    private readonly int _requestMethod;
    private readonly int _status;
    private readonly int _bodyBytesSent;
    private readonly int _bytesSent;
    private readonly int _requestLength;
    private readonly int _requestTime;
    private readonly int _upstreamResponseTime;
    private readonly int _upstreamConnectTime;
    private readonly int _upstreamHeaderTime;

    public LineParser(ILineMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        _matcher = matcher;
        var variables = matcher.Variables;
        _variableCount = variables.Count;
        _json = matcher.Escaping == ValueEscaping.Json;
        _request = IndexOf(variables, "request");
        _requestMethod = IndexOf(variables, "request_method");
        _status = IndexOf(variables, "status");
        _bodyBytesSent = IndexOf(variables, "body_bytes_sent");
        _bytesSent = IndexOf(variables, "bytes_sent");
        _requestLength = IndexOf(variables, "request_length");
        _requestTime = IndexOf(variables, "request_time");
        _upstreamResponseTime = IndexOf(variables, "upstream_response_time");
        _upstreamConnectTime = IndexOf(variables, "upstream_connect_time");
        _upstreamHeaderTime = IndexOf(variables, "upstream_header_time");
    }

    public ILineMatcher Matcher => _matcher;

    /// <summary>A <see cref="LineValues"/> sized for this parser's matcher.</summary>
    public LineValues CreateValues() => new(_variableCount);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ParseError Parse(ReadOnlySpan<byte> line, LineValues values)
    {
        values.Reset();
        var ranges = values.Variables;
        if (ranges.Length != _variableCount)
        {
            ThrowWrongValues(ranges.Length, _variableCount);
        }

        if (!_matcher.TryMatch(line, ranges))
        {
            return ParseError.NoMatch;
        }

        if (_requestMethod >= 0 || _request >= 0)
        {
            values.Method = Method(line, ranges);
        }

        if (_status >= 0)
        {
            var value = line[ranges[_status]];
            if (!IsAbsent(value))
            {
                if (!ValueNumbers.TryParseStatus(value, out var status))
                {
                    return ParseError.BadNumber;
                }

                values.Status = status;
            }
        }

        if (!TryCount(line, ranges, _bodyBytesSent, out var count))
        {
            return ParseError.BadNumber;
        }

        values.BodyBytesSent = count;
        if (!TryCount(line, ranges, _bytesSent, out count))
        {
            return ParseError.BadNumber;
        }

        values.BytesSent = count;
        if (!TryCount(line, ranges, _requestLength, out count))
        {
            return ParseError.BadNumber;
        }

        values.RequestLength = count;
        if (!TrySeconds(line, ranges, _requestTime, out var seconds))
        {
            return ParseError.BadNumber;
        }

        values.RequestTime = seconds;
        if (!TrySeconds(line, ranges, _upstreamResponseTime, out seconds))
        {
            return ParseError.BadNumber;
        }

        values.UpstreamResponseTime = seconds;
        if (!TrySeconds(line, ranges, _upstreamConnectTime, out seconds))
        {
            return ParseError.BadNumber;
        }

        values.UpstreamConnectTime = seconds;
        if (!TrySeconds(line, ranges, _upstreamHeaderTime, out seconds))
        {
            return ParseError.BadNumber;
        }

        values.UpstreamHeaderTime = seconds;
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private HttpMethodKind Method(ReadOnlySpan<byte> line, Range[] ranges)
    {
        if (_requestMethod >= 0)
        {
            var method = line[ranges[_requestMethod]];
            if (!IsAbsent(method))
            {
                return RequestMethods.FromMethod(method);
            }
        }

        return _request >= 0 ? RequestMethods.FromRequestLine(line[ranges[_request]]) : HttpMethodKind.Other;
    }

    /// <summary>-1 when the format lacks the variable or the value is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryCount(ReadOnlySpan<byte> line, Range[] ranges, int index, out long count)
    {
        count = -1;
        if (index < 0)
        {
            return true;
        }

        var value = line[ranges[index]];
        return IsAbsent(value) || ValueNumbers.TryParseCount(value, out count);
    }

    /// <summary>NaN when the format lacks the variable or the value is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TrySeconds(ReadOnlySpan<byte> line, Range[] ranges, int index, out double seconds)
    {
        seconds = double.NaN;
        if (index < 0)
        {
            return true;
        }

        var value = line[ranges[index]];
        return IsAbsent(value) || ValueNumbers.TryParseSecondsList(value, out seconds);
    }

    /// <summary>Empty or "-"; in a JSON line also a null.</summary>
    private bool IsAbsent(ReadOnlySpan<byte> value) =>
        ValueNumbers.IsAbsent(value) || (_json && value.SequenceEqual("null"u8));

    private static int IndexOf(IReadOnlyList<string> variables, string name)
    {
        for (var i = 0; i < variables.Count; i++)
        {
            if (string.Equals(variables[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongValues(int actual, int expected) =>
        throw new ArgumentException($"the values hold {actual} variables, the format has {expected}", nameof(actual));
}
