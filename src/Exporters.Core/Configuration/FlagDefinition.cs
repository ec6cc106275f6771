namespace Exporters.Core.Configuration;

/// <summary>One flag: its name without dashes, help, default and environment variable.</summary>
public sealed class FlagDefinition
{
    public FlagDefinition(string name, FlagKind kind, string help)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Help = help;
    }

    /// <summary>The flag's name, as in <c>web.listen-address</c>.</summary>
    public string Name { get; }

    public FlagKind Kind { get; }

    public string Help { get; }

    /// <summary>The value used when neither the command line, the environment nor a file sets it.</summary>
    public string? Default { get; init; }

    /// <summary>The environment variable read when the command line does not set the flag.</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>Other names accepted for the same flag (older spellings of the Go exporters).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>For <see cref="FlagKind.List"/>: characters that split one occurrence into several values.</summary>
    public string ListSeparators { get; init; } = "";

    /// <summary>Checks a value; returns an error message, or null when the value is fine.</summary>
    public Func<string, string?>? Validate { get; init; }

    /// <summary>The placeholder shown in --help.</summary>
    public string? Placeholder { get; init; }
}
