using System.Text;
using Exporters.Merger.Exposition;

namespace Exporters.Merger;

/// <summary>Writes label values escaped into a page body, as the parser would have left them, and adds their labels.</summary>
internal static class OwnLabels
{
    /// <summary>The most bytes a label value takes escaped: every UTF-8 byte could be a backslash.</summary>
    public static int EscapedMax(string value) => 2 * Encoding.UTF8.GetMaxByteCount(value.Length);

    /// <summary>
    /// Writes <paramref name="value"/> escaped at <paramref name="at"/> and adds its label, named by the bytes at
    /// <paramref name="nameStart"/>; returns where the value ends.
    /// </summary>
    public static int Write(byte[] body, int at, int nameStart, int nameLength, string value, List<LabelRef> labels)
    {
        var start = at;
        var utf8 = body.AsSpan(at + (EscapedMax(value) / 2));
        var length = Encoding.UTF8.GetBytes(value, utf8);
        for (var i = 0; i < length; i++)
        {
            var b = utf8[i];
            switch (b)
            {
                case (byte)'\\':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'\\';
                    break;
                case (byte)'\n':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'n';
                    break;
                case (byte)'"':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'"';
                    break;
                default:
                    body[at++] = b;
                    break;
            }
        }

        labels.Add(new LabelRef(nameStart, nameLength, start, at - start));
        return at;
    }
}
