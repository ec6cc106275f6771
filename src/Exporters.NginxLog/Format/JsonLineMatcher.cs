using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Exporters.NginxLog.Format;

/// <summary>
/// Reads one JSON object a line (<c>parser: json</c>): each wanted variable is the top-level key of the same
/// name. A string value's range is inside its quotes (still JSON-escaped), a number's, true's, false's or
/// null's is the token itself; nested objects and arrays are skipped, and a missing key leaves an empty range.
/// </summary>
internal sealed class JsonLineMatcher : ILineMatcher
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private readonly string[] _variables;
    private readonly byte[][] _keys;

    public JsonLineMatcher(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = [.. variables];
        _keys = new byte[_variables.Length][];
        for (var i = 0; i < _variables.Length; i++)
        {
            _keys[i] = Encoding.UTF8.GetBytes(_variables[i]);
        }
    }

    public IReadOnlyList<string> Variables => _variables;

    public ValueEscaping Escaping => ValueEscaping.Json;

    public bool TryMatch(ReadOnlySpan<byte> line, Span<Range> values)
    {
        try
        {
            return Match(line, values);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Match(ReadOnlySpan<byte> line, Span<Range> values)
    {
        values.Clear();
        var reader = new Utf8JsonReader(line, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Only whitespace may follow the object; anything else makes the reader throw.
                return !reader.Read();
            }

            var key = FindKey(ref reader);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                case JsonTokenType.String:
                    if (key >= 0)
                    {
                        var start = (int)reader.TokenStartIndex + 1;
                        values[key] = new Range(start, start + reader.ValueSpan.Length);
                    }

                    break;
                default:
                    if (key >= 0)
                    {
                        var start = (int)reader.TokenStartIndex;
                        values[key] = new Range(start, start + reader.ValueSpan.Length);
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The index of the variable the current property name is, or -1.</summary>
    private int FindKey(ref Utf8JsonReader reader)
    {
        var keys = _keys;
        var name = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (reader.ValueTextEquals(keys[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (name.SequenceEqual(keys[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
