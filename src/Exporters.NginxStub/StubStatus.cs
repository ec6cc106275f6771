namespace Exporters.NginxStub;

/// <summary>The numbers of one nginx stub_status page.</summary>
internal readonly record struct StubStatus(
    ulong Active,
    ulong Accepted,
    ulong Handled,
    ulong Requests,
    ulong Reading,
    ulong Writing,
    ulong Waiting);
