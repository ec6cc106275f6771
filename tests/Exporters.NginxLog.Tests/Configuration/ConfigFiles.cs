using Exporters.Core.Configuration;
using Exporters.NginxLog.Configuration;

namespace Exporters.NginxLog.Tests.Configuration;

/// <summary>Loads YAML written to a temporary file, as the exporter loads its --config-file.</summary>
internal static class ConfigFiles
{
    public static LoadedConfig Load(string yaml, string name = "config.yml")
    {
        var directory = Directory.CreateTempSubdirectory("nginxlog-config-");
        try
        {
            var path = Path.Combine(directory.FullName, name);
            File.WriteAllText(path, yaml);
            return ConfigLoader.LoadFile(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The message of the error <see cref="ConfigLoader.Parse"/> reports for <paramref name="yaml"/>.</summary>
    public static string Error(string yaml, string fileName = "nginxlog.yml")
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, fileName));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }
}
