using System.Reflection;

namespace Exporters.Testing;

/// <summary>Finds the repository root and the built services from a test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built dll of a service under src/, in the configuration the tests were built in.</summary>
    public static string ServiceDll(string project)
    {
        var configuration = Assembly.GetCallingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built; build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exporters.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Exporters.sln not found above " + AppContext.BaseDirectory);
    }
}
