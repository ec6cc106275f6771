namespace Exporters.NginxLog.Format;

/// <summary>Text a line must contain as is, with the format's escapes (<c>\"</c>) already resolved.</summary>
internal sealed class LiteralToken : FormatToken
{
    public LiteralToken(string text, int position)
        : base(position)
    {
        Text = text;
    }

    public string Text { get; }

    public override string ToString() => Text;
}
