using System.Text;

namespace Exporters.NginxLog.Format;

/// <summary>
/// A parsed nginx log_format: literals and variables, alternating where variables meet literals. Two variables
/// never follow each other, since nothing would say where the first one ends.
/// </summary>
internal sealed class LogFormat
{
    private LogFormat(string text, IReadOnlyList<FormatToken> tokens, IReadOnlyList<string> variables)
    {
        Text = text;
        Tokens = tokens;
        Variables = variables;
    }

    /// <summary>The format string as configured.</summary>
    public string Text { get; }

    /// <summary>The literals (adjacent ones merged) and variables, in order.</summary>
    public IReadOnlyList<FormatToken> Tokens { get; }

    /// <summary>The variable names without <c>$</c>, in order; a name used twice is listed twice.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <exception cref="LogFormatException">The format is empty or malformed.</exception>
    public static LogFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);

        // A YAML block scalar leaves a line break at the end; log lines have none.
        var trimmed = format.TrimEnd('\r', '\n');
        if (trimmed.AsSpan().Trim().IsEmpty)
        {
            throw new LogFormatException("the format is empty", 0);
        }

        var tokens = new List<FormatToken>();
        var variables = new List<string>();
        var literal = new StringBuilder();
        var literalStart = -1;
        FormatToken? previous = null;
        foreach (var token in LogFormatGrammar.Tokenize(trimmed))
        {
            switch (token)
            {
                case MalformedVariableToken malformed:
                    throw new LogFormatException(malformed.Problem, malformed.Position);
                case LiteralToken text:
                    if (literalStart < 0)
                    {
                        literalStart = text.Position;
                    }

                    literal.Append(text.Text);
                    break;
                case VariableToken variable:
                    if (literalStart >= 0)
                    {
                        tokens.Add(new LiteralToken(literal.ToString(), literalStart));
                        literal.Clear();
                        literalStart = -1;
                    }
                    else if (previous is VariableToken before)
                    {
                        throw new LogFormatException(
                            $"{before} and {variable} have no literal between them, so a line cannot be split between them",
                            variable.Position);
                    }

                    tokens.Add(variable);
                    variables.Add(variable.Name);
                    break;
            }

            previous = token;
        }

        if (literalStart >= 0)
        {
            tokens.Add(new LiteralToken(literal.ToString(), literalStart));
        }

        if (tokens.Count == 0)
        {
            throw new LogFormatException("the format is empty", 0);
        }

        return new LogFormat(format, tokens, variables);
    }

    public override string ToString() => Text;
}
