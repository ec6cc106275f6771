using System.Reflection;

namespace Exporters.Core.Metrics;

/// <summary>The version and git revision this binary was built from, and the runtime it runs on.</summary>
public sealed class BuildInfo
{
    private BuildInfo(string version, string revision, string dotnetVersion)
    {
        Version = version;
        Revision = revision;
        DotnetVersion = dotnetVersion;
    }

    public string Version { get; }

    public string Revision { get; }

    public string DotnetVersion { get; }

    public static BuildInfo FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var revision = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return new BuildInfo(version, revision, Environment.Version.ToString());
    }

    public override string ToString() => $"version={Version} revision={Revision} dotnet={DotnetVersion}";
}
