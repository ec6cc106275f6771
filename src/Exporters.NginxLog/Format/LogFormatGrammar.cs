using Sprache;

namespace Exporters.NginxLog.Format;

/// <summary>
/// The Sprache grammar of a log_format string. Two shapes are read:
/// <list type="bullet">
/// <item>the bare format, as a YAML or HCL value holds it: <c>$remote_addr - [$time_local] \"$request\"</c>;</item>
/// <item>nginx-config style single-quoted pieces, concatenated: <c>'$remote_addr - ' '"$request"'</c>.</item>
/// </list>
/// In both, <c>\"</c>, <c>\'</c> and <c>\\</c> stand for <c>"</c>, <c>'</c> and <c>\</c>; any other backslash is literal.
/// Runs once per format at startup, never per line.
/// </summary>
internal static class LogFormatGrammar
{
    private static readonly Parser<int> Position = input => Result.Success(input.Position, input);

    private static readonly Parser<string> Name =
        Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c == '_', "a letter, digit or _").AtLeastOnce().Text();

    private static readonly Parser<string?> BracedName =
        from open in Parse.Char('{')
        from name in Name.Optional()
        from close in Parse.Char('}').Optional()
        select name.IsDefined && close.IsDefined ? name.Get() : null;

    /// <summary>
    /// Always succeeds after a <c>$</c>; what is not a variable becomes a <see cref="MalformedVariableToken"/>
    /// so the error names the position of the <c>$</c>.
    /// </summary>
    private static readonly Parser<FormatToken> Variable =
        from start in Position
        from dollar in Parse.Char('$')
        from braced in BracedName.Optional()
        from name in braced.IsDefined ? Parse.Return<string?>(braced.Get()) : Name.Optional().Select(n => n.GetOrDefault())
        select name is not null
            ? new VariableToken(name, start)
            : (FormatToken)new MalformedVariableToken(
                braced.IsDefined ? "'${' is not followed by a variable name and '}'" : "'$' is not followed by a variable name",
                start);

    private static readonly Parser<char> EscapedChar =
        Parse.String("\\\"").Return('"')
            .Or(Parse.String("\\'").Return('\''))
            .Or(Parse.String("\\\\").Return('\\'));

    private static readonly Parser<IEnumerable<FormatToken>> Bare =
        Tokens(EscapedChar.Or(Parse.CharExcept('$'))).End();

    private static readonly Parser<IEnumerable<FormatToken>> Piece =
        from open in Parse.Char('\'')
        from tokens in Tokens(EscapedChar.Or(Parse.CharExcept("$'")))
        from close in Parse.Char('\'')
        from space in Parse.WhiteSpace.Many()
        select tokens;

    private static readonly Parser<IEnumerable<FormatToken>> Pieces =
        from space in Parse.WhiteSpace.Many()
        from pieces in Piece.XAtLeastOnce()
        from end in Parse.WhiteSpace.Many().End()
        select pieces.SelectMany(p => p);

    /// <summary>The tokens as written (adjacent literals not yet merged), or the failure with its position.</summary>
    public static IEnumerable<FormatToken> Tokenize(string format)
    {
        var quoted = format.AsSpan().Trim().StartsWith('\'');
        var result = (quoted ? Pieces : Bare).TryParse(format);
        if (!result.WasSuccessful)
        {
            var problem = quoted
                ? "the single-quoted pieces do not parse (" + result.Message + ")"
                : result.Message;
            throw new LogFormatException(problem, result.Remainder.Position);
        }

        return result.Value;
    }

    private static Parser<IEnumerable<FormatToken>> Tokens(Parser<char> literalChar)
    {
        var literal =
            from start in Position
            from chars in literalChar.AtLeastOnce()
            select (FormatToken)new LiteralToken(new string([.. chars]), start);
        return Variable.Or(literal).Many();
    }
}
