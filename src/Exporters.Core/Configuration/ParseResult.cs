namespace Exporters.Core.Configuration;

/// <summary>What the command line asked for: help, the version, or a run with these values.</summary>
public sealed class ParseResult
{
    public ParseResult(FlagValues values)
    {
        Values = values;
    }

    private ParseResult(bool help, bool version)
    {
        HelpRequested = help;
        VersionRequested = version;
    }

    public static ParseResult Help { get; } = new(help: true, version: false);

    public static ParseResult Version { get; } = new(help: false, version: true);

    public bool HelpRequested { get; }

    public bool VersionRequested { get; }

    public FlagValues? Values { get; }
}
