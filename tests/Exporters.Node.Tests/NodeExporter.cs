using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>Starts the built node exporter as a process, as users run it.</summary>
internal static class NodeExporter
{
    public static string Dll => RepoPaths.ServiceDll("Exporters.Node");

    public static Task<ExporterProcess> StartAsync(params string[] args) => ExporterProcess.StartAsync(Dll, args);
}
