using System.IO.Compression;
using System.Net;
using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>What the shared host gives every service, seen through this one.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task Landing_page_links_the_telemetry_path_and_healthz_answers()
    {
        using var exporter = await StubExporter.StartAsync("--web.telemetry-path=/custom");

        var landing = await exporter.GetStringAsync("/");
        Assert.Contains("<a href=\"/custom\">", landing, StringComparison.Ordinal);
        Assert.Equal("ok\n", await exporter.GetStringAsync("/healthz"));
        Assert.Contains("nginx_up", (await exporter.ScrapeAsync("/custom")).Families.Keys);
        using var old = await exporter.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Page_parses_with_promtool_with_no_lint_but_the_contract_names()
    {
        using var nginx = await NginxServer.StartAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={nginx.StubStatusUri}", $"--nginx.scrape-uri={nginx.StubStatusSocketUri}");

        var problems = await Promtool.CheckMetricsAsync((await exporter.ScrapeAsync()).Text);

        // nginx-prometheus-exporter's counter names lack _total; promtool says so for its page too.
        Assert.Equal(
            ["nginx_connections_accepted counter metrics should have \"_total\" suffix", "nginx_connections_handled counter metrics should have \"_total\" suffix"],
            problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_asked_for()
    {
        using var nginx = await NginxServer.StartAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={nginx.StubStatusUri}");

        using var response = await exporter.GetAsync("/metrics", r => r.Headers.TryAddWithoutValidation(
            "Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), line => line == "# EOF");
        Assert.Contains("# TYPE nginx_http_requests counter\nnginx_http_requests_total ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE nginx_connections_accepted counter\nnginx_connections_accepted_total ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_format_by_default_and_gzip_when_accepted()
    {
        using var nginx = await NginxServer.StartAsync();
        using var exporter = await StubExporter.StartAsync($"--nginx.scrape-uri={nginx.StubStatusUri}");

        using var plain = await exporter.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", plain.Content.Headers.ContentType!.ToString());
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        using var zipped = await exporter.GetAsync("/metrics", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"));
        Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await zipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var page = MetricsPage.Parse(await reader.ReadToEndAsync());
        Assert.Equal(1, page.Value("nginx_up"));
    }

    [Fact]
    public async Task Build_info_names_version_revision_and_runtime()
    {
        using var exporter = await StubExporter.StartAsync();

        var info = Assert.Single((await exporter.ScrapeAsync()).Find("nginx_exporter_build_info"));

        Assert.Equal(1, info.Value);
        Assert.Equal(["dotnet_version", "revision", "version"], info.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Environment.Version.ToString(), info.Labels["dotnet_version"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Labels["version"]);
    }

    [Fact]
    public async Task Sigterm_stops_the_service_with_exit_code_0()
    {
        using var exporter = await StubExporter.StartAsync();
        await exporter.ScrapeAsync();

        exporter.Process.Signal(Signals.SigTerm);

        Assert.Equal(0, await exporter.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Stopped", exporter.Process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variables_apply_and_flags_beat_them()
    {
        using var nginx = await NginxServer.StartAsync();
        var environment = StubExporter.CleanEnvironment();
        environment["SCRAPE_URI"] = nginx.StubStatusUri;
        environment["CONST_LABELS"] = "env=yes";
        environment["TELEMETRY_PATH"] = "/from-env";
        var port = FreePort.Next();

        using var fromEnvironment = await ExporterProcess.StartAsync(StubExporter.Dll, [], environment);
        Assert.Equal(1, (await fromEnvironment.ScrapeAsync("/from-env")).Value("nginx_up", ("env", "yes")));

        using var fromFlags = await ExporterProcess.StartAsync(StubExporter.Dll, [$"--nginx.scrape-uri=http://127.0.0.1:{port}/x", "--prometheus.const-label=env=no"], environment);
        Assert.Equal(0, (await fromFlags.ScrapeAsync("/from-env")).Value("nginx_up", ("env", "no")));
    }

    [Fact]
    public async Task Help_lists_every_flag_with_its_variable_and_version_prints_one_line()
    {
        var (exit, help, _) = await ExporterProcess.RunToEndAsync(StubExporter.Dll, ["--help"]);
        Assert.Equal(0, exit);
        foreach (var expected in new[]
        {
            "--nginx.scrape-uri=URI", "[env SCRAPE_URI]", "--nginx.timeout=DURATION", "[env TIMEOUT] (default \"5s\")",
            "--[no-]nginx.ssl-verify", "[env SSL_VERIFY]", "--nginx.ssl-ca-cert", "--nginx.ssl-client-cert", "--nginx.ssl-client-key",
            "--prometheus.const-label=NAME=VALUE", "[env CONST_LABELS]", "--prometheus.const-labels",
            "--web.listen-address=[HOST]:PORT", "[env LISTEN_ADDRESS] (default \":9113\")", "--web.telemetry-path", "[env TELEMETRY_PATH]",
            "--log.level", "--log.format",
        })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }

        var (versionExit, version, _) = await ExporterProcess.RunToEndAsync(StubExporter.Dll, ["--version"]);
        Assert.Equal(0, versionExit);
        Assert.Matches(@"^nginx-stub-exporter version=\d+\.\d+\.\d+ revision=\S+ dotnet=\S+\n$", version);
    }

    [Fact]
    public async Task Json_logs_are_one_object_a_line()
    {
        using var exporter = await StubExporter.StartAsync("--log.format=json", $"--nginx.scrape-uri=http://127.0.0.1:{FreePort.Next()}/x");
        await exporter.ScrapeAsync();
        exporter.Process.Signal(Signals.SigTerm);
        await exporter.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var lines = exporter.Process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        Assert.Contains(lines, line => line.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal) && line.Contains("is down", StringComparison.Ordinal));
    }
}
