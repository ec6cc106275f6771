namespace Exporters.NginxLog.Tailing;

/// <summary>
/// A path whose file-name part has wildcards: * (any run of characters), ? (one character) and [...]
/// (one character of a set or range, negated by a leading ! or ^). The directory part is literal.
/// </summary>
internal sealed class GlobPattern
{
    public GlobPattern(string directory, string namePattern)
    {
        Directory = directory;
        NamePattern = namePattern;
    }

    public string Directory { get; }

    public string NamePattern { get; }

    /// <summary>Whether a file-name part has wildcards.</summary>
    public static bool HasWildcards(string name) => name.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>The full paths of the regular files that match now; none if the directory cannot be listed.</summary>
    public List<string> Matches()
    {
        var matches = new List<string>();
        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
            {
                if (IsMatch(NamePattern, System.IO.Path.GetFileName(file.AsSpan())))
                {
                    matches.Add(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return matches;
    }

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        var p = 0;
        var n = 0;
        var starP = -1;
        var starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    starP = p++;
                    starN = n;
                    continue;
                }

                if (c == '?')
                {
                    p++;
                    n++;
                    continue;
                }

                if (c == '[' && TryMatchClass(pattern, p, name[n], out var next, out var inClass))
                {
                    if (inClass)
                    {
                        p = next;
                        n++;
                        continue;
                    }
                }
                else if (c == name[n])
                {
                    p++;
                    n++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Matches one character against the class opening at <paramref name="start"/>; false if the class is not closed.</summary>
    private static bool TryMatchClass(ReadOnlySpan<char> pattern, int start, char c, out int next, out bool matched)
    {
        var i = start + 1;
        var negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negate)
        {
            i++;
        }

        var found = false;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            var low = pattern[i];
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                var high = pattern[i + 2];
                found |= c >= low && c <= high;
                i += 3;
            }
            else
            {
                found |= c == low;
                i++;
            }
        }

        if (i >= pattern.Length)
        {
            next = start;
            matched = false;
            return false;
        }

        next = i + 1;
        matched = found != negate;
        return true;
    }
}
