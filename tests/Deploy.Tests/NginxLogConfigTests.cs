using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>
/// The stack's nginx log format and the access-log exporter's configuration agree, and the exporter loads
/// deploy/nginxlogsexp.yml as it is. (deploy/nginx.conf is not run through <c>nginx -t</c> here: its
/// upstream and resolver name hosts of the compose network, which do not resolve outside it.)
/// </summary>
public sealed class NginxLogConfigTests
{
    private const string LogFormat =
        "    log_format nginx_prometheus '$remote_addr - $remote_user [$time_local] \"$request\" '\n" +
        "                                '$status $body_bytes_sent \"$http_referer\" '\n" +
        "                                '\"$http_user_agent\" rt=$request_time';\n";

    private const string ExporterConfig =
        "namespaces:\n" +
        "  - name: nginx\n" +
        "    format: \"$remote_addr - $remote_user [$time_local] \\\"$request\\\" $status $body_bytes_sent \\\"$http_referer\\\" \\\"$http_user_agent\\\" rt=$request_time\"\n" +
        "    source:\n" +
        "      files:\n" +
        "        - /var/log/nginx/access.log\n";

    [Fact]
    public void NginxConfUsesTheWorkerLogFormat()
    {
        var nginx = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "nginx.conf"));
        Assert.Contains(LogFormat, nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void ExporterConfigIsTheDesignedOne()
    {
        Assert.Equal(ExporterConfig, File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "nginxlogsexp.yml")));
    }

    [Fact]
    public async Task TheAccessLogExporterLoadsTheConfigUnchanged()
    {
        var config = Path.Combine(RepoPaths.Root, "deploy", "nginxlogsexp.yml");
        using var exporter = await ExporterProcess.StartAsync(RepoPaths.ServiceDll("Exporters.NginxLog"), [$"--config.file={config}"]);
        var page = await exporter.ScrapeAsync();
        Assert.Contains("nginx_parse_errors_total", page.Families.Keys);
        Assert.Contains("nginxlog_exporter_build_info", page.Families.Keys);
    }
}
