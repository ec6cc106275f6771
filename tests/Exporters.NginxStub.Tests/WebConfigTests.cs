using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>--web.config.file in the exporter-toolkit's format: TLS, client certificates and basic auth, checked with curl.</summary>
public sealed class WebConfigTests
{
    private const string Curl = "/usr/bin/curl";

    [Fact]
    public async Task Basic_auth_lets_in_only_the_right_password()
    {
        using var dir = new TempDirectory();
        var hash = BCrypt.Net.BCrypt.HashPassword("s3cret", 4);
        var config = dir.File("web.yml");
        await File.WriteAllTextAsync(config, $"basic_auth_users:\n  prometheus: '{hash}'\n");
        var port = FreePort.Next();
        using var exporter = ChildProcess.Start("dotnet", [StubExporter.Dll, $"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={config}"]);
        var url = $"http://127.0.0.1:{port}/metrics";
        await WaitForStatusAsync(["-o", "/dev/null", "-w", "%{http_code}", url], "401");

        Assert.Equal("401", await StatusAsync(["-o", "/dev/null", "-w", "%{http_code}", "-u", "prometheus:wrong", url]));
        Assert.Equal("401", await StatusAsync(["-o", "/dev/null", "-w", "%{http_code}", "-u", "nobody:s3cret", url]));
        Assert.Equal("200", await StatusAsync(["-o", "/dev/null", "-w", "%{http_code}", "-u", "prometheus:s3cret", url]));
        Assert.Equal("200", await StatusAsync(["-o", "/dev/null", "-w", "%{http_code}", "-u", "prometheus:s3cret", url]));
    }

    [Fact]
    public async Task Tls_with_required_client_certificates_refuses_a_client_without_one()
    {
        using var dir = new TempDirectory();
        TestCertificates.Write(dir);
        var config = dir.File("web.yml");
        await File.WriteAllTextAsync(config, """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
            """);
        var port = FreePort.Next();
        using var exporter = ChildProcess.Start("dotnet", [StubExporter.Dll, $"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={config}"]);
        var url = $"https://127.0.0.1:{port}/healthz";
        string[] withClient = ["--cacert", dir.File("ca.crt"), "--cert", dir.File("client.crt"), "--key", dir.File("client.key"), url];
        await WaitForStatusAsync(withClient, "ok");

        var (exit, stdout, _) = await ChildProcess.RunAsync(Curl, ["-sS", "--cacert", dir.File("ca.crt"), url]);
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        var (_, plain, _) = await ChildProcess.RunAsync(Curl, ["-sS", $"http://127.0.0.1:{port}/healthz"]);
        Assert.NotEqual("ok", plain.Trim());
        Assert.Equal("ok", await StatusAsync(withClient));
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n", "cannot read")]
    [InlineData("basic_auth_users:\n  alice: plaintext\n", "the password of \"alice\" must be a bcrypt hash")]
    [InlineData("tls_server_config:\n  cert_file: a\n", "cert_file and key_file are both needed")]
    [InlineData("unknown_section: 1\n", "unknown key \"unknown_section\"")]
    [InlineData("basic_auth_users: [\n", "web.yml")]
    [InlineData("basic_auth_users:\n  admin: \"$2y$10$garbage\"\n", "web.yml: basic_auth_users: the password of \"admin\" must be a bcrypt hash")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS99\n", "web.yml: tls_server_config: min_version \"TLS99\" is not one of")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [TLS_NULL]\n", "unknown cipher suite \"TLS_NULL\"")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  curve_preferences: [X25519]\n", "curve_preferences cannot be honoured")]
    public async Task A_bad_web_configuration_exits_2_with_one_line(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var config = dir.File("web.yml");
        await File.WriteAllTextAsync(config, yaml);

        var (exit, _, stderr) = await ExporterProcess.RunToEndAsync(StubExporter.Dll, [$"--web.config.file={config}"]);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(string[] args) => (await ChildProcess.RunAsync(Curl, ["-s", .. args])).Stdout.Trim();

    private static async Task WaitForStatusAsync(string[] args, string expected)
    {
        for (var i = 0; i < 600 && await StatusAsync(args) != expected; i++)
        {
            await Task.Delay(50);
        }
    }
}
