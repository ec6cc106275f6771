namespace Exporters.NginxLog.Format;

/// <summary>One piece of a log_format: a literal or a variable, with where it starts in the format string.</summary>
internal abstract class FormatToken
{
    protected FormatToken(int position)
    {
        Position = position;
    }

    /// <summary>The 0-based position of the token's first character in the format string.</summary>
    public int Position { get; }
}
