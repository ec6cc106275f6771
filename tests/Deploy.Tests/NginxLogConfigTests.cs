using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>
/// The stack's nginx log format and the access-log exporter's configuration agree, and the exporter loads
/// deploy/nginxlogsexp.yml as it is. deploy/nginx.conf itself cannot pass <c>nginx -t</c> on the host: its
/// upstream names service-a, a host of the compose network only. A copy with only that and the file paths
/// replaced is checked here; the stack test runs the file itself.
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
    public async Task NginxConfPassesNginxTestOutsideTheComposeNetwork()
    {
        using var temp = new TempDirectory();
        var conf = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "nginx.conf"))
            .Replace("/tmp/", temp.Path + "/", StringComparison.Ordinal)
            .Replace("server service-a:8080 ", "server 127.0.0.1:1 ", StringComparison.Ordinal)
            .Replace("/var/log/nginx/access.log", temp.File("access.log"), StringComparison.Ordinal);
        Assert.DoesNotContain("server service-a", conf, StringComparison.Ordinal);
        await File.WriteAllTextAsync(temp.File("nginx.conf"), conf);
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(
            NginxServer.Binary, ["-t", "-q", "-c", temp.File("nginx.conf"), "-p", temp.Path, "-e", "stderr"]);
        Assert.True(exit == 0, stdout + stderr);
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
