using System.Text;

namespace Exporters.Core.Exposition;

/// <summary>The rules of the exposition formats for names and the escaping of HELP and label values.</summary>
public static class MetricNames
{
    public static bool IsValidMetricName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidLabelName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!(char.IsAsciiLetter(c) || c == '_' || (i > 0 && char.IsAsciiDigit(c))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Escapes HELP text: backslash and newline, and in OpenMetrics also the double quote.</summary>
    public static string EscapeHelp(string help, bool openMetrics) => Escape(help, escapeQuote: openMetrics);

    /// <summary>Escapes a label value: backslash, double quote and newline.</summary>
    public static string EscapeLabelValue(string value) => Escape(value, escapeQuote: true);

    private static string Escape(string text, bool escapeQuote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append("\\\\"),
                '\n' => escaped.Append("\\n"),
                '"' when escapeQuote => escaped.Append("\\\""),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
