using System.Text;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>Numbered access-log lines of a short format, and counting what the exporter logged.</summary>
internal static class AccessLines
{
    /// <summary>The format of <see cref="Lines"/>, escaped for a double-quoted YAML string.</summary>
    public const string Format = "$remote_addr \\\"$request\\\" $status";

    /// <summary>Lines <paramref name="first"/> to first + count - 1: GET /item/N, status 200.</summary>
    public static string Lines(int first, int count)
    {
        var text = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            text.Append("10.0.0.1 \"GET /item/").Append(i).Append(" HTTP/1.1\" 200\n");
        }

        return text.ToString();
    }

    /// <summary>How many times <paramref name="fragment"/> stands in <paramref name="text"/>, without overlaps.</summary>
    public static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
