using YamlDotNet.RepresentationModel;
using static Deploy.Tests.ComposeFile;

namespace Deploy.Tests;

public sealed class ComposeTests
{
    private static readonly string[] SuiteServices = ["nginx-stub-exporter", "nginx-log-exporter", "node-exporter", "merger"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void HasTheWorkerStackServices()
    {
        Assert.Equal(
            ["grafana", "merger", "nginx", "nginx-log-exporter", "nginx-stub-exporter", "node-exporter", "service-a"],
            _compose.ServiceNames.Order(StringComparer.Ordinal));
        Assert.All(SuiteServices, s => Assert.True(_compose.IsSuiteService(s), $"{s} is not built from the repository"));
    }

    [Fact]
    public void TheProjectIsNamedWorkerInDotEnvWhichEveryComposeVersionReads()
    {
        // A top-level "name:" is refused by docker-compose 1.x; .env beside the file is read by 1.x and 2.x.
        Assert.Null(Child(_compose.Root, "name"));
        var env = File.ReadAllLines(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", ".env"));
        Assert.Contains("COMPOSE_PROJECT_NAME=worker", env);
    }

    [Fact]
    public void OnlyNginxPort80AndTheMergerPort8080ArePublishedWhereTheVariablesSay()
    {
        var published = _compose.ServiceNames
            .SelectMany(s => Strings(Child(_compose.Service(s), "ports")).Select(p => $"{s} {p}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["merger ${PUBLISH_METRICS:-8080}:8080", "nginx ${PUBLISH_HTTP:-80}:80"], published);
    }

    [Fact]
    public void SuiteServicesAreBuiltFromTheirOwnTargetOfTheDockerfile()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "Dockerfile"));
        foreach (var name in SuiteServices)
        {
            var build = (YamlMappingNode)Child(_compose.Service(name), "build")!;
            Assert.Equal("..", Scalar(build, "context"));
            Assert.Equal("deploy/Dockerfile", Scalar(build, "dockerfile"));
            Assert.Equal(name, Scalar(build, "target"));
            Assert.Contains($" AS {name}\n", dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheLogVolumeIsSharedAndReadOnlyInTheLogExporter()
    {
        var volumes = (YamlMappingNode)_compose.Root["volumes"];
        Assert.Contains(new YamlScalarNode("nginx-logs"), volumes.Children.Keys);
        var nginxLogs = Assert.Single(((YamlSequenceNode)_compose.Service("nginx")["volumes"]).OfType<YamlMappingNode>());
        Assert.Equal("nginx-logs", Scalar(nginxLogs, "source"));
        Assert.Equal("/var/log/nginx", Scalar(nginxLogs, "target"));
        Assert.Equal("true", Scalar((YamlMappingNode)nginxLogs["volume"], "nocopy"));
        Assert.Contains("nginx-logs:/var/log/nginx:ro", Strings(Child(_compose.Service("nginx-log-exporter"), "volumes")));

        // The exporter's configuration follows the file nginx.conf writes into that volume.
        var config = File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "nginxlogsexp.yml"));
        var nginx = File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "nginx.conf"));
        Assert.Contains("- /var/log/nginx/access.log", config, StringComparison.Ordinal);
        Assert.Contains("access_log /var/log/nginx/access.log nginx_prometheus;", nginx, StringComparison.Ordinal);
        Assert.Contains("--config.file=/etc/nginxlog-exporter/nginxlogsexp.yml", Strings(Child(_compose.Service("nginx-log-exporter"), "command")));
        Assert.Contains("./nginxlogsexp.yml:/etc/nginxlog-exporter/nginxlogsexp.yml:ro", Strings(Child(_compose.Service("nginx-log-exporter"), "volumes")));
    }

    [Fact]
    public void TheNodeExporterReadsTheHostReadOnlyThroughMatchingPathFlags()
    {
        var node = _compose.Service("node-exporter");
        var volumes = Strings(Child(node, "volumes"));
        var command = Strings(Child(node, "command"));
        foreach (var (host, flag) in new[] { ("/proc", "--path.procfs"), ("/sys", "--path.sysfs"), ("/", "--path.rootfs") })
        {
            var mount = Assert.Single(volumes, v => v.Split(':')[0] == host);
            var parts = mount.Split(':');
            Assert.Contains("ro", parts[2].Split(','));
            Assert.Contains($"{flag}={parts[1]}", command);
        }
    }

    [Fact]
    public void EveryMergerUrlIsAServiceOfTheFileOnThePortItListensOn()
    {
        var urls = Strings(Environment(_compose.Service("merger"))["MERGER_URLS"]);
        Assert.Equal(
            [
                "http://nginx-stub-exporter:9113/metrics",
                "http://nginx-log-exporter:9114/metrics",
                "http://node-exporter:9100/metrics",
                "dns+http://service-a:8080/metrics",
            ],
            urls);
        foreach (var url in urls)
        {
            var uri = new Uri(url.StartsWith("dns+", StringComparison.Ordinal) ? url[4..] : url);
            Assert.Contains(uri.Host, _compose.ServiceNames);
            Assert.Equal(_compose.ListenPort(uri.Host), uri.Port);
        }
    }

    [Fact]
    public void TheStubExporterScrapesTheInternalStubStatusServer()
    {
        var command = Strings(Child(_compose.Service("nginx-stub-exporter"), "command"));
        Assert.Contains("--nginx.scrape-uri=http://nginx:8080/stub_status", command);
        var nginx = File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "nginx.conf"));
        Assert.Contains("listen 8080;", nginx, StringComparison.Ordinal);
        Assert.Contains("location = /stub_status", nginx, StringComparison.Ordinal);
        Assert.Contains("deny all;", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void SuiteServicesRunReadOnlyAsNonRootWithLimitsAndRestart()
    {
        foreach (var name in SuiteServices)
        {
            var service = _compose.Service(name);
            Assert.Equal("true", Scalar(service, "read_only"));
            var user = Scalar(service, "user");
            Assert.False(user is "0" or "root" || user.StartsWith("0:", StringComparison.Ordinal), $"{name} runs as {user}");
            Assert.Equal("unless-stopped", Scalar(service, "restart"));
            var limits = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)service["deploy"])["resources"])["limits"];
            Assert.NotNull(Child(limits, "cpus"));
            Assert.NotNull(Child(limits, "memory"));
        }
    }

    [Fact]
    public void SuiteServicesCheckThemselvesWithTheirOwnExecutableAndFlags()
    {
        var dockerfile = Dockerfile.Load();
        foreach (var name in SuiteServices)
        {
            var service = _compose.Service(name);
            var test = Strings(((YamlMappingNode)service["healthcheck"])["test"]);
            var entrypoint = System.Text.Json.JsonSerializer.Deserialize<string[]>(dockerfile.Instructions(name, "ENTRYPOINT").First())!;

            // Exec form without a shell: the image's own executable, --healthcheck, then the service's
            // command, so the probe reads the flags (and the container's environment) the service reads.
            Assert.Equal(["CMD", .. entrypoint, "--healthcheck", .. Strings(Child(service, "command"))], test);
            Assert.Single(entrypoint);
        }

        Assert.NotNull(Child(_compose.Service("nginx"), "healthcheck"));
    }

    [Fact]
    public void SuiteImagesAreNativeExecutablesOnRuntimeDepsAsNonRootWithoutAShell()
    {
        var dockerfile = Dockerfile.Load();
        foreach (var name in SuiteServices)
        {
            // The compose targets copy the Native AOT publish of the build stage onto the runtime-deps base.
            var copy = Assert.Single(dockerfile.Instructions(name, "COPY"));
            Assert.StartsWith("--from=build /out/aot/", copy, StringComparison.Ordinal);
            Assert.Equal("${RUNTIME_DEPS_IMAGE}", dockerfile.BaseOf(dockerfile.BaseOf(name)));
            var user = dockerfile.Instructions(name, "USER").First();
            Assert.False(user is "0" or "root" || user.StartsWith("0:", StringComparison.Ordinal), $"{name} runs as {user}");
            Assert.StartsWith("[", dockerfile.Instructions(name, "ENTRYPOINT").First(), StringComparison.Ordinal);
            Assert.Empty(dockerfile.Instructions(name, "RUN"));

            // The JIT alternative of each.
            Assert.True(dockerfile.HasStage($"{name}-jit"), $"no {name}-jit target");
            Assert.Equal(dockerfile.Instructions(name, "ENTRYPOINT").First(), dockerfile.Instructions($"{name}-jit", "ENTRYPOINT").First());
        }

        var publish = Assert.Single(dockerfile.Instructions("build", "RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(" -r linux-x64 -p:PublishAot=true ", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceAIsScalableWithoutPublishedPortsFromItsImageOrTheStandIn()
    {
        var app = _compose.Service("service-a");
        Assert.Equal("${SERVICE_A_IMAGE:-worker/service-a-stand-in:latest}", Scalar(app, "image"));
        Assert.Equal("./app", Scalar((YamlMappingNode)app["build"], "context"));
        Assert.Null(Child(app, "ports"));
        Assert.Null(Child(app, "container_name"));
        var nginx = File.ReadAllText(Path.Combine(Exporters.Testing.RepoPaths.Root, "deploy", "nginx.conf"));
        Assert.Contains("server service-a:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("least_conn;", nginx, StringComparison.Ordinal);
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
