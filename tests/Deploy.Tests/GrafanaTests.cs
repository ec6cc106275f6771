using System.Text.Json;
using Exporters.Testing;
using YamlDotNet.RepresentationModel;
using static Deploy.Tests.ComposeFile;

namespace Deploy.Tests;

/// <summary>The grafana service: not published, provisioned from deploy/grafana, and its dashboard's queries.</summary>
public sealed class GrafanaTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void GrafanaIsReachableOnlyOnTheComposeNetwork()
    {
        var grafana = _compose.Service("grafana");
        Assert.Null(Child(grafana, "ports"));
        Assert.Equal(["3000"], Strings(Child(grafana, "expose")));
        Assert.StartsWith("${GRAFANA_IMAGE:-", Scalar(grafana, "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProvisioningAndDashboardsAreMountedWhereTheProvisioningLooks()
    {
        var volumes = Strings(Child(_compose.Service("grafana"), "volumes"));
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
        Assert.Contains("./grafana/dashboards:/etc/grafana/dashboards:ro", volumes);

        var providers = LoadYaml(Path.Combine(RepoPaths.Root, "deploy", "grafana", "provisioning", "dashboards", "worker.yml"));
        var provider = (YamlMappingNode)((YamlSequenceNode)providers["providers"]).Children.Single();
        Assert.Equal("/etc/grafana/dashboards", Scalar((YamlMappingNode)provider["options"], "path"));
    }

    [Fact]
    public void EveryPanelUsesTheProvisionedPrometheusDatasource()
    {
        var datasources = LoadYaml(Path.Combine(RepoPaths.Root, "deploy", "grafana", "provisioning", "datasources", "prometheus.yml"));
        var datasource = (YamlMappingNode)((YamlSequenceNode)datasources["datasources"]).Children.Single();
        Assert.Equal("prometheus", Scalar(datasource, "type"));
        Assert.Equal("$PROMETHEUS_URL", Scalar(datasource, "url"));
        Assert.Contains("PROMETHEUS_URL", Environment(_compose.Service("grafana")).Keys);
        var uid = Scalar(datasource, "uid");

        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardQueries.FilePath));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Equal(uid, p.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    [Theory]
    [InlineData("sum by (instance, status) (rate(nginx_http_response_count_total{instance=~\"$instance\"}[$__rate_interval]))", "nginx_http_response_count_total")]
    [InlineData("histogram_quantile(0.9, sum by (le) (rate(nginx_http_response_time_seconds_bucket{job=\"a\"}[5m])))", "nginx_http_response_time_seconds_bucket")]
    [InlineData("1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes node_memory_MemTotal_bytes")]
    [InlineData("rate(a[1m]) - on (instance) group_left rate(b_total[1m]) offset 5m", "a b_total")]
    public void MetricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabels(string expression, string expected)
    {
        Assert.Equal(expected.Split(' '), DashboardQueries.MetricNames(expression));
    }

    [Fact]
    public void TheDashboardQueriesTheWorkerFamilies()
    {
        var names = DashboardQueries.Load().AllMetricNames();
        foreach (var expected in new[]
        {
            "nginx_http_response_count_total", "nginx_http_response_time_seconds_bucket", "nginx_connections_active",
            "node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes", "merger_upstream_up",
        })
        {
            Assert.Contains(expected, names);
        }

        Assert.Contains(names, n => n.StartsWith("node_disk_", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("node_network_", StringComparison.Ordinal));
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
