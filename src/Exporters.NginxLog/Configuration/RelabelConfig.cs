namespace Exporters.NginxLog.Configuration;

/// <summary>One entry of <c>relabel_configs</c>: a label whose value comes from a log variable.</summary>
internal sealed class RelabelConfig
{
    public required string TargetLabel { get; init; }

    /// <summary>The variable the value comes from, without <c>$</c>.</summary>
    public required string From { get; init; }

    /// <summary>1-based index of the part after splitting by <see cref="Separator"/>; 0 for no split.</summary>
    public int Split { get; init; }

    public string Separator { get; init; } = " ";

    /// <summary>When set, values outside it become "other".</summary>
    public IReadOnlySet<string>? Whitelist { get; init; }

    public IReadOnlyList<RelabelMatch> Matches { get; init; } = [];

    /// <summary>The value when <see cref="Matches"/> is not empty and none matches; null keeps the value unchanged.</summary>
    public string? Default { get; init; }

    /// <summary>True to put this label on the request counter only.</summary>
    public bool OnlyCounter { get; init; }
}
