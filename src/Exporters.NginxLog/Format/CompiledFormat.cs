using System.Runtime.CompilerServices;
using System.Text;

namespace Exporters.NginxLog.Format;

/// <summary>
/// A log_format compiled to byte literals once, then matched against lines without allocating: the leading
/// literal must start the line, each variable ends where the whole next literal first occurs (so a value may
/// contain the literal's first byte, e.g. a space), a last variable with nothing after it runs to the end of
/// the line, and a trailing literal must end the line.
/// </summary>
internal sealed class CompiledFormat : ILineMatcher
{
    private readonly byte[] _leading;

    /// <summary>The literal after each variable; empty only after a last variable that ends the format.</summary>
    private readonly byte[][] _following;

    private readonly string[] _variables;

    public CompiledFormat(LogFormat format, ValueEscaping escaping = ValueEscaping.Nginx)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
        Escaping = escaping;
        _variables = [.. format.Variables];
        _following = new byte[_variables.Length][];
        _leading = [];
        var variable = -1;
        foreach (var token in format.Tokens)
        {
            if (token is VariableToken)
            {
                variable++;
                _following[variable] = [];
            }
            else if (variable < 0)
            {
                _leading = Encoding.UTF8.GetBytes(((LiteralToken)token).Text);
            }
            else
            {
                _following[variable] = Encoding.UTF8.GetBytes(((LiteralToken)token).Text);
            }
        }
    }

    public LogFormat Format { get; }

    public IReadOnlyList<string> Variables => _variables;

    public ValueEscaping Escaping { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryMatch(ReadOnlySpan<byte> line, Span<Range> values)
    {
        if (!line.StartsWith(_leading))
        {
            return false;
        }

        var following = _following;
        var last = following.Length - 1;
        if (last < 0)
        {
            return line.Length == _leading.Length;
        }

        var start = _leading.Length;
        for (var i = 0; i < last; i++)
        {
            var literal = following[i];
            var length = line[start..].IndexOf(literal);
            if (length < 0)
            {
                return false;
            }

            values[i] = new Range(start, start + length);
            start += length + literal.Length;
        }

        var trailing = following[last];
        var end = line.Length - trailing.Length;
        if (end < start || !line[end..].SequenceEqual(trailing))
        {
            return false;
        }

        values[last] = new Range(start, end);
        return true;
    }

    public override string ToString() => Format.Text;
}
