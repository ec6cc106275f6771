using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>Bad configuration: one clear line on stderr, exit code 2.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new string[0], "no upstream exporter")]
    [InlineData(new[] { "--url", "localhost:9100/metrics" }, "invalid value \"localhost:9100/metrics\" for flag --url")]
    [InlineData(new[] { "--url", "ftp://host/metrics" }, "invalid value \"ftp://host/metrics\" for flag --url")]
    [InlineData(new[] { "--url", "http://a/metrics", "--exporters-timeout", "0" }, "invalid value \"0\" for flag --exporters-timeout")]
    [InlineData(new[] { "--no-such-flag" }, "unknown flag --no-such-flag")]
    [InlineData(new[] { "--url", "dns+ftp://app:9100/metrics" }, "is not an http://, https://, dns+http:// or dns+https:// URL")]
    [InlineData(new[] { "--config-path", "/nonexistent/merger.yml" }, "--config-path: cannot read")]
    public async Task Bad_flags_exit_2_with_one_line(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(MergerProcess.Dll, args, MergerProcess.CleanEnvironment());

        AssertUsageError(exit, stdout, stderr, expected);
    }

    [Theory]
    [InlineData("exporters:\n  - url: http://a/metrics\n    colour: red\n", "merger.yml:3: unknown key \"colour\" in an exporter")]
    [InlineData("exporter:\n  - url: http://a/metrics\n", "merger.yml:1: unknown key \"exporter\" at the top level")]
    [InlineData("exporters:\n  url: http://a/metrics\n", "merger.yml:2: exporters: want a list of exporters, got a mapping")]
    [InlineData("exporters:\n  - url: [http://a/metrics]\n", "merger.yml:2: url: want a single value, got a list")]
    [InlineData("exporters:\n  - url: \"http://a/metrics\n", "merger.yml:2: not valid YAML")]
    [InlineData("exporters:\n  - name: x\n", "merger.yml:2: an exporter has no url")]
    [InlineData("exporters:\n  - url: http://a/metrics\n    timeout: soon\n", "timeout \"soon\"")]
    [InlineData("exporters:\n  - url: http://a/metrics\n    labels:\n      1bad: x\n", "\"1bad\" of http://a/metrics is not a valid label name")]
    public async Task Bad_config_files_exit_2_with_one_line(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "merger.yml");
        await File.WriteAllTextAsync(path, yaml);

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(MergerProcess.Dll, ["--config-path", path], MergerProcess.CleanEnvironment());

        AssertUsageError(exit, stdout, stderr, expected);
    }

    [Fact]
    public async Task Bad_merger_urls_variable_exits_2()
    {
        var environment = MergerProcess.CleanEnvironment();
        environment["MERGER_URLS"] = "http://a/metrics nope";

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(MergerProcess.Dll, [], environment);

        AssertUsageError(exit, stdout, stderr, "invalid value \"nope\" for environment variable MERGER_URLS");
    }

    private static void AssertUsageError(int exit, string stdout, string stderr, string expected)
    {
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("merger: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }
}
