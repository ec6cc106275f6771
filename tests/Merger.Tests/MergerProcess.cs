using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>Starts the built merger as a process, as users run it.</summary>
internal static class MergerProcess
{
    public static string Dll => RepoPaths.ServiceDll("Merger");

    public static Task<ExporterProcess> StartAsync(params string[] args) => ExporterProcess.StartAsync(Dll, args, CleanEnvironment());

    public static Dictionary<string, string?> CleanEnvironment() => new()
    {
        ["MERGER_URLS"] = null,
        ["MERGER_PORT"] = null,
        ["MERGER_EXPORTERSTIMEOUT"] = null,
        ["MERGER_VERBOSE"] = null,
        ["MERGER_CONFIGPATH"] = null,
    };
}
