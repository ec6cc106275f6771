namespace Exporters.Core.Configuration;

/// <summary>How a flag's value is written and checked.</summary>
public enum FlagKind
{
    /// <summary>Any text.</summary>
    String,

    /// <summary>true/false; given alone (<c>--x</c>) it means true, <c>--no-x</c> means false.</summary>
    Bool,

    /// <summary>A Go duration: <c>500ms</c>, <c>5s</c>, <c>1m30s</c>.</summary>
    Duration,

    /// <summary>A whole number of zero or more.</summary>
    Count,

    /// <summary>Repeatable; every occurrence adds one or more values.</summary>
    List,
}
