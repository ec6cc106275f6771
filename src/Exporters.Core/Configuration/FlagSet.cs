using System.Globalization;
using System.Text;

namespace Exporters.Core.Configuration;

/// <summary>
/// The flags of one service, parsed in the style of the Go exporters: <c>--a.b=value</c>,
/// <c>--a.b value</c>, a single dash as well as two, <c>--no-a.b</c> for booleans, and each flag's
/// environment variable when the command line does not set it.
/// </summary>
public sealed class FlagSet
{
    private readonly List<FlagDefinition> _flags = [];
    private readonly Dictionary<string, FlagDefinition> _byName = new(StringComparer.Ordinal);

    public FlagSet(string programName)
    {
        ProgramName = programName;
    }

    public string ProgramName { get; }

    /// <summary>When set, positional arguments are accepted and shown in --help under this name.</summary>
    public string? ArgumentsName { get; set; }

    public IReadOnlyList<FlagDefinition> Definitions => _flags;

    public FlagSet Add(FlagDefinition flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        foreach (var name in flag.Aliases.Prepend(flag.Name))
        {
            if (!_byName.TryAdd(name, flag))
            {
                throw new InvalidOperationException($"flag {name} is defined twice");
            }
        }

        _flags.Add(flag);
        return this;
    }

    /// <summary>Parses the command line; the environment is read through <paramref name="environment"/>.</summary>
    /// <exception cref="UsageException">An unknown flag, a missing value or a value that fails its check.</exception>
    public ParseResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var given = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                continue;
            }

            var body = arg.AsSpan(arg[1] == '-' ? 2 : 1);
            var equals = body.IndexOf('=');
            var name = (equals < 0 ? body : body[..equals]).ToString();
            string? inline = equals < 0 ? null : body[(equals + 1)..].ToString();
            switch (name)
            {
                case "help" or "h" or "help-long":
                    return ParseResult.Help;
                case "version":
                    return ParseResult.Version;
            }

            if (!_byName.TryGetValue(name, out var flag))
            {
                if (name.StartsWith("no-", StringComparison.Ordinal)
                    && _byName.TryGetValue(name[3..], out var negated)
                    && negated.Kind == FlagKind.Bool
                    && inline is null)
                {
                    Given(given, negated).Add("false");
                    continue;
                }

                throw new UsageException($"unknown flag {DisplayDashes(arg)}{name}");
            }

            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (flag.Kind == FlagKind.Bool)
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"flag --{flag.Name} needs a value");
            }

            Given(given, flag).AddRange(Split(flag, value));
        }

        if (positional.Count > 0 && ArgumentsName is null)
        {
            throw new UsageException($"unexpected argument \"{positional[0]}\"");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var sources = new Dictionary<string, FlagSource>(StringComparer.Ordinal);
        foreach (var flag in _flags)
        {
            if (given.TryGetValue(flag.Name, out var fromArgs))
            {
                Store(flag, fromArgs, FlagSource.CommandLine, $"flag --{flag.Name}");
            }
            else if (flag.EnvironmentVariable is { } variable && environment(variable) is { } fromEnv)
            {
                Store(flag, Split(flag, fromEnv), FlagSource.Environment, $"environment variable {variable}");
            }
            else
            {
                Store(flag, flag.Default is null ? [] : Split(flag, flag.Default), FlagSource.Default, $"default of --{flag.Name}");
            }
        }

        return new ParseResult(new FlagValues(new Dictionary<string, FlagDefinition>(_byName, StringComparer.Ordinal), values, sources, positional));

        void Store(FlagDefinition flag, IReadOnlyList<string> items, FlagSource source, string where)
        {
            foreach (var item in items)
            {
                Check(flag, item, where);
            }

            values[flag.Name] = items;
            sources[flag.Name] = source;
        }
    }

    /// <summary>The text --help prints: every flag with its environment variable and default.</summary>
    public string Usage(string description)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"usage: {ProgramName} [<flags>]");
        if (ArgumentsName is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" [<{ArgumentsName}>...]");
        }

        text.Append("\n\n").Append(description).Append("\n\nFlags:\n");
        text.Append("  -h, --help, --help-long\n      Show this help and exit.\n");
        text.Append("  --version\n      Show the version and exit.\n");
        foreach (var flag in _flags)
        {
            text.Append("  --");
            text.Append(flag.Kind == FlagKind.Bool ? $"[no-]{flag.Name}" : $"{flag.Name}={flag.Placeholder ?? PlaceholderFor(flag.Kind)}");
            text.Append("\n      ").Append(flag.Help);
            if (flag.Kind == FlagKind.List)
            {
                text.Append(" Repeatable.");
            }

            if (flag.EnvironmentVariable is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" [env {flag.EnvironmentVariable}]");
            }

            if (!string.IsNullOrEmpty(flag.Default))
            {
                text.Append(CultureInfo.InvariantCulture, $" (default \"{flag.Default}\")");
            }

            foreach (var alias in flag.Aliases)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n      Also accepted as --{alias}.");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    internal static void Check(FlagDefinition flag, string value, string where)
    {
        var error = flag.Kind switch
        {
            FlagKind.Bool when FlagValues.ParseBool(value) is null => "not a boolean (true or false)",
            FlagKind.Duration when !GoDuration.TryParse(value, out var duration) || duration < TimeSpan.Zero =>
                "not a duration (such as 500ms, 5s or 1m30s)",
            FlagKind.Count when !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) =>
                "not a whole number",
            _ => flag.Validate?.Invoke(value),
        };
        if (error is not null)
        {
            throw new UsageException($"invalid value \"{value}\" for {where}: {error}");
        }
    }

    private static List<string> Given(Dictionary<string, List<string>> given, FlagDefinition flag)
    {
        if (!given.TryGetValue(flag.Name, out var list))
        {
            list = [];
            given[flag.Name] = list;
        }

        return list;
    }

    private static List<string> Split(FlagDefinition flag, string value)
    {
        if (flag.Kind != FlagKind.List || flag.ListSeparators.Length == 0)
        {
            return [value];
        }

        return [.. value.Split(flag.ListSeparators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string DisplayDashes(string arg) => arg.StartsWith("--", StringComparison.Ordinal) ? "--" : "-";

    private static string PlaceholderFor(FlagKind kind) => kind switch
    {
        FlagKind.Duration => "DURATION",
        FlagKind.Count => "N",
        _ => "VALUE",
    };
}
