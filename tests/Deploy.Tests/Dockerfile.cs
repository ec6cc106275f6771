using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>deploy/Dockerfile read as stages: each one's base and instructions, continuation lines joined.</summary>
internal sealed partial class Dockerfile
{
    private readonly Dictionary<string, (string From, List<string> Instructions)> _stages = new(StringComparer.Ordinal);

    private Dockerfile(string text)
    {
        List<string>? current = null;
        var logical = "";
        foreach (var raw in text.Split('\n'))
        {
            if (raw.TrimStart().StartsWith('#'))
            {
                continue;
            }

            logical += raw;
            if (logical.EndsWith('\\'))
            {
                logical = logical[..^1];
                continue;
            }

            var line = Whitespace().Replace(logical.Trim(), " ");
            logical = "";
            if (From().Match(line) is { Success: true } from)
            {
                current = [];
                _stages[from.Groups[2].Value] = (from.Groups[1].Value, current);
            }
            else if (line.Length > 0)
            {
                current?.Add(line);
            }
        }
    }

    public static Dockerfile Load() =>
        new(File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "Dockerfile")));

    public bool HasStage(string name) => _stages.ContainsKey(name);

    public string BaseOf(string stage) => _stages[stage].From;

    /// <summary>The stage's own instructions of a kind (e.g. "USER"), then its base stage's, and so on.</summary>
    public IEnumerable<string> Instructions(string stage, string kind)
    {
        for (var name = stage; _stages.TryGetValue(name, out var s); name = s.From)
        {
            foreach (var line in s.Instructions.Where(l => l.StartsWith(kind + " ", StringComparison.Ordinal)))
            {
                yield return line[(kind.Length + 1)..];
            }
        }
    }

    [GeneratedRegex(@"^FROM (\S+) AS (\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Whitespace();
}
