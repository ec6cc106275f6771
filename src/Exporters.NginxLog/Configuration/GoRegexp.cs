using System.Text;
using System.Text.RegularExpressions;

namespace Exporters.NginxLog.Configuration;

/// <summary>Compiles the regular expressions of relabel configs, written for Go's regexp package.</summary>
internal static class GoRegexp
{
    public const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    public static Regex Compile(string pattern) => new(Translate(pattern), Options);

    /// <summary>
    /// Rewrites Go-only syntax into .NET's: named groups <c>(?P&lt;name&gt;...)</c> become <c>(?&lt;name&gt;...)</c>.
    /// Escaped characters and character classes are left as they are.
    /// </summary>
    public static string Translate(string pattern)
    {
        if (!pattern.Contains("(?P<", StringComparison.Ordinal))
        {
            return pattern;
        }

        var result = new StringBuilder(pattern.Length);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[i + 1]);
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append('^');
                    i++;
                }

                // A ']' right after the opening bracket is a literal.
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(']');
                    i++;
                }

                continue;
            }

            if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 3;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
