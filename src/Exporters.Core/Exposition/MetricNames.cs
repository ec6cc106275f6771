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
    public static string EscapeHelp(string help, bool openMetrics)
    {
        ArgumentNullException.ThrowIfNull(help);
        var text = new StringBuilder(help.Length);
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '"' when openMetrics => text.Append("\\\""),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    /// <summary>Escapes a label value: backslash, double quote and newline.</summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '"' => text.Append("\\\""),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
