using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>Starts the built nginx stub exporter as a process, as users run it.</summary>
internal static class StubExporter
{
    public static string Dll => RepoPaths.ServiceDll("Exporters.NginxStub");

    public static readonly string[] NginxFamilies =
    [
        "nginx_connections_accepted", "nginx_connections_active", "nginx_connections_handled", "nginx_connections_reading",
        "nginx_connections_waiting", "nginx_connections_writing", "nginx_http_requests_total",
    ];

    public static Task<ExporterProcess> StartAsync(params string[] args) => ExporterProcess.StartAsync(Dll, args);

    /// <summary>Environment for a child that must not inherit the test runner's variables of the same names.</summary>
    public static Dictionary<string, string?> CleanEnvironment() => new()
    {
        ["SCRAPE_URI"] = null,
        ["TIMEOUT"] = null,
        ["CONST_LABELS"] = null,
        ["LISTEN_ADDRESS"] = null,
        ["TELEMETRY_PATH"] = null,
    };
}
