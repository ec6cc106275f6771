namespace Exporters.Merger.Exposition;

/// <summary>
/// The HELP and TYPE lines of one upstream's last page, in order, with the family name and HELP text each
/// gave. Exporters write the same header lines scrape after scrape, so the parser of the next page compares
/// each header line with the one at the same place last time and, when the bytes are equal, takes the
/// interned texts without hashing or looking them up. Safe for concurrent parsers: a snapshot is never
/// changed once published, and a parser that saw a different page publishes a new one.
/// </summary>
internal sealed class HeaderMemory
{
    private volatile Snapshot? _last;

    /// <summary>The header lines of the last page parsed in <paramref name="openMetrics"/>, or null.</summary>
    public HeaderLine[]? Lines(bool openMetrics) => _last is { } last && last.OpenMetrics == openMetrics ? last.Lines : null;

    public void Remember(HeaderLine[] lines, bool openMetrics) => _last = new Snapshot(lines, openMetrics);

    private sealed record Snapshot(HeaderLine[] Lines, bool OpenMetrics);
}
