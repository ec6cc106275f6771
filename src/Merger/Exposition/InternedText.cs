using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Merger.Exposition;

/// <summary>
/// A family name or HELP text made once and shared by every scrape: the string, its UTF-8 bytes, and for
/// HELP the escaped bytes of each output format, made when first written.
/// </summary>
internal sealed class InternedText
{
    private byte[]? _helpText004;
    private byte[]? _helpOpenMetrics;

    public InternedText(string text, byte[] utf8)
    {
        Text = text;
        Utf8 = utf8;
        Hash = InternedTextComparer.HashOf(utf8);
    }

    public string Text { get; }

    public byte[] Utf8 { get; }

    /// <summary>A hash of <see cref="Utf8"/>, for <see cref="InternedTextComparer"/>.</summary>
    public int Hash { get; }

    /// <summary>The text escaped as a HELP line of the given format wants it.</summary>
    public byte[] EscapedHelp(bool openMetrics)
    {
        if (openMetrics)
        {
            return _helpOpenMetrics ??= Encoding.UTF8.GetBytes(MetricNames.EscapeHelp(Text, openMetrics: true));
        }

        return _helpText004 ??= Encoding.UTF8.GetBytes(MetricNames.EscapeHelp(Text, openMetrics: false));
    }
}
