using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>Bad flags and variables: one clear line on stderr, exit code 2, no stack trace.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("--no-such-flag", "unknown flag --no-such-flag")]
    [InlineData("--nginx.timeout=5x", "invalid value \"5x\" for flag --nginx.timeout: not a duration")]
    [InlineData("--nginx.timeout=0s", "invalid value \"0s\" for flag --nginx.timeout: must be more than zero")]
    [InlineData("--nginx.scrape-uri=ftp://nginx/stub_status", "invalid value \"ftp://nginx/stub_status\" for flag --nginx.scrape-uri")]
    [InlineData("--nginx.scrape-uri=unix:nginx.sock", "invalid value \"unix:nginx.sock\" for flag --nginx.scrape-uri: a unix socket must be an absolute path")]
    [InlineData("--web.listen-address=9113", "invalid value \"9113\" for flag --web.listen-address: missing port")]
    [InlineData("--web.telemetry-path=metrics", "invalid value \"metrics\" for flag --web.telemetry-path")]
    [InlineData("--log.level=loud", "invalid value \"loud\" for flag --log.level")]
    [InlineData("--prometheus.const-label=novalue", "invalid value \"novalue\" for flag --prometheus.const-label: must be name=value")]
    [InlineData("--prometheus.const-labels=1x=y", "invalid value \"1x=y\" for flag --prometheus.const-label: \"1x\" is not a valid label name")]
    [InlineData("--nginx.ssl-verify=perhaps", "invalid value \"perhaps\" for flag --nginx.ssl-verify: not a boolean")]
    [InlineData("--nginx.ssl-ca-cert=/nonexistent/ca.pem", "--nginx.ssl-ca-cert: cannot read \"/nonexistent/ca.pem\"")]
    [InlineData("--nginx.ssl-client-cert=/nonexistent/c.pem", "--nginx.ssl-client-cert and --nginx.ssl-client-key must be given together")]
    [InlineData("--nginx.plus", "--nginx.plus: the NGINX Plus API is not supported")]
    public async Task Bad_flags_exit_2_with_one_line(string arg, string expected)
    {
        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(StubExporter.Dll, [arg], StubExporter.CleanEnvironment());

        AssertUsageError(exit, stdout, stderr, expected);
    }

    [Theory]
    [InlineData("TIMEOUT", "later", "invalid value \"later\" for environment variable TIMEOUT")]
    [InlineData("SCRAPE_URI", "nginx:8080", "invalid value \"nginx:8080\" for environment variable SCRAPE_URI")]
    [InlineData("CONST_LABELS", "a=b,oops", "invalid value \"oops\" for environment variable CONST_LABELS")]
    public async Task Bad_environment_variables_exit_2_with_one_line(string variable, string value, string expected)
    {
        var environment = StubExporter.CleanEnvironment();
        environment[variable] = value;

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(StubExporter.Dll, [], environment);

        AssertUsageError(exit, stdout, stderr, expected);
    }

    private static void AssertUsageError(int exit, string stdout, string stderr, string expected)
    {
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nginx-stub-exporter: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }
}
