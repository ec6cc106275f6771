using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>deploy/prometheus.yml and the alert rules, checked and unit-tested with promtool.</summary>
public sealed class PrometheusTests
{
    private static string Deploy(string path) => Path.Combine(RepoPaths.Root, "deploy", path);

    [Fact]
    public async Task ConfigIsValid()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(Promtool.Binary, ["check", "config", Deploy("prometheus.yml")]);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("1 rule files found", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesAreValid()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(Promtool.Binary, ["check", "rules", Deploy("rules/alerts.yml")]);
        Assert.True(exit == 0, stdout + stderr);
    }

    [Fact]
    public async Task AlertsFireOnEachSideOfTheirThresholds()
    {
        var test = Path.Combine(RepoPaths.Root, "tests", "Deploy.Tests", "rules_test.yml");
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(Promtool.Binary, ["test", "rules", test]);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("SUCCESS", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesUseTheLogExporterCounterAndTheMergersAnsweringReplicas()
    {
        var rules = File.ReadAllText(Deploy("rules/alerts.yml"));
        Assert.Contains("alert: HighRequestRate", rules, StringComparison.Ordinal);
        Assert.Contains("alert: LowRequestRate", rules, StringComparison.Ordinal);
        Assert.Contains("increase(nginx_http_response_count_total[5m])", rules, StringComparison.Ordinal);
        Assert.Contains("sum by (instance) (merger_replica_up{upstream=\"dns+http://service-a:8080/metrics\"})", rules, StringComparison.Ordinal);
    }
}
