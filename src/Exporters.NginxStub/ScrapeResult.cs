namespace Exporters.NginxStub;

/// <summary>One target's scrape: its numbers, or why there are none.</summary>
internal readonly record struct ScrapeResult(StubStatus Status, string? Error)
{
    public bool IsUp => Error is null;

    public static ScrapeResult Up(StubStatus status) => new(status, null);

    public static ScrapeResult Failed(string error) => new(default, error);
}
