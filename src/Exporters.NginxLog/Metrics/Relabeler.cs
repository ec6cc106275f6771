using Exporters.NginxLog.Configuration;

namespace Exporters.NginxLog.Metrics;

/// <summary>Turns a variable's decoded value into a label value as one relabel config says.</summary>
internal static class Relabeler
{
    public const string Other = "other";

    public static string Apply(RelabelConfig relabel, string value)
    {
        ArgumentNullException.ThrowIfNull(relabel);
        if (relabel.Split > 0)
        {
            value = Part(value, relabel.Separator, relabel.Split);
        }

        if (relabel.Whitelist is { } whitelist)
        {
            return whitelist.Contains(value) ? value : Other;
        }

        if (relabel.Matches.Count == 0)
        {
            return value;
        }

        foreach (var match in relabel.Matches)
        {
            if (match.Regex.IsMatch(value))
            {
                return match.Regex.Replace(value, match.Replacement);
            }
        }

        return relabel.Default ?? value;
    }

    /// <summary>The 1-based part of <paramref name="value"/> split by <paramref name="separator"/>; "" when there are fewer.</summary>
    private static string Part(string value, string separator, int index)
    {
        var rest = value.AsSpan();
        for (var part = 1; ; part++)
        {
            var at = separator.Length == 0 ? -1 : rest.IndexOf(separator, StringComparison.Ordinal);
            if (part == index)
            {
                return (at < 0 ? rest : rest[..at]).ToString();
            }

            if (at < 0)
            {
                return "";
            }

            rest = rest[(at + separator.Length)..];
        }
    }
}
