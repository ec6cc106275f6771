using Exporters.Testing;

namespace Exporters.NginxLog.Tests.Integration;

/// <summary>How the exporter starts: the worker stack's file, quick mode, and bad configurations.</summary>
public sealed class UsageTests
{
    private const string WorkerConfig = """
        namespaces:
          - name: nginx
            format: "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" rt=$request_time"
            source:
              files:
                - /var/log/nginx/access.log
        """;

    [Fact]
    public async Task The_worker_stacks_file_loads_unchanged()
    {
        using var dir = new TempDirectory();
        using var exporter = await LogExporter.StartAsync($"--config.file={LogExporter.WriteConfig(dir, WorkerConfig)}");

        var page = await exporter.ScrapeAsync();

        Assert.Equal(0, page.Value("nginx_parse_errors_total"));
        Assert.Contains("nginxlog_exporter_build_info", page.Families.Keys);
        await Promtool.CheckMetricsAsync(page.Text);
    }

    [Fact]
    public async Task Quick_mode_reads_the_files_given_as_arguments()
    {
        using var dir = new TempDirectory();
        var log = dir.File("access.log");
        await File.WriteAllTextAsync(log, "");
        using var exporter = await LogExporter.StartAsync("--format=$remote_addr \"$request\" $status $body_bytes_sent", "--namespace=web", log);

        await File.AppendAllTextAsync(log, "10.0.0.1 \"GET /a HTTP/1.1\" 200 12\n10.0.0.2 \"POST /b HTTP/1.1\" 503 0\nnot a line\n");

        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "web_http_response_count_total", 2);
        Assert.Equal(1, page.Value("web_http_response_count_total", ("method", "POST"), ("status", "503")));
        Assert.Equal(12, page.Value("web_http_response_size_bytes", ("method", "GET"), ("status", "200")));
        Assert.Equal(1, page.Value("web_parse_errors_total"));
    }

    [Theory]
    [InlineData("namespaces:\n  - name: nginx\n    format: \"$a $\"\n    source:\n      files: [/tmp/x.log]\n", "namespace \"nginx\": format:")]
    [InlineData("namespaces:\n  - name: nginx\n    format: \"$status\"\n    relabel_configs:\n      - target_label: user\n        from: remote_user\n    source:\n      files: [/tmp/x.log]\n", "relabel \"user\" reads $remote_user, which the format does not have")]
    [InlineData("namespaces:\n  - name: a\n    format: \"$status\"\n    source:\n      files: [/tmp/x.log]\n  - name: b\n    format: \"$status\"\n    metrics_override:\n      prefix: a\n    source:\n      files: [/tmp/y.log]\n", "namespaces \"a\" and \"b\" share the metric prefix \"a\" with identical label sets; set namespace_label")]
    [InlineData("namespaces:\n  - name: a\n    format: \"$status $request_time\"\n    namespace_label: vhost\n    metrics_override: {prefix: http}\n    source:\n      files: [/tmp/x.log]\n  - name: b\n    format: \"$status $request_time\"\n    namespace_label: vhost\n    histogram_buckets: [1, 2]\n    metrics_override: {prefix: http}\n    source:\n      files: [/tmp/y.log]\n", "share the metric prefix \"http\" but not histogram_buckets: http_http_response_time_seconds would have two bucket layouts")]
    [InlineData("namespaces:\n  - name: a\n    format: \"$status\"\n    namespace_label: vhost\n    metrics_override: {prefix: \"\"}\n    source:\n      files: [/tmp/x.log]\n  - name: b\n    format: \"$status\"\n    namespace_label: vhost\n    metrics_style: nginxlog-exporter\n    metrics_override: {prefix: \"\"}\n    source:\n      files: [/tmp/y.log]\n", "share the metric prefix \"\", which only namespaces of metrics_style default can")]
    public async Task Bad_configurations_exit_2_naming_file_and_namespace(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var config = LogExporter.WriteConfig(dir, yaml);

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(LogExporter.Dll, [$"--config.file={config}"]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"nginxlog-exporter: {config}", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_config_loads_a_good_file_says_so_and_exits_0()
    {
        using var dir = new TempDirectory();
        var config = LogExporter.WriteConfig(dir, WorkerConfig);

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(LogExporter.Dll, [$"--config.file={config}", "--verify-config"]);

        Assert.Equal(0, exit);
        Assert.Equal("configuration OK\n", stdout);
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("namespaces:\n  - name: nginx\n    format: \"$status\"\n    source:\n      files: [/tmp/x.log]\n      start_at: middle\n", ":6: namespace \"nginx\": source.start_at: want end or beginning, got \"middle\"")]
    [InlineData("namespaces:\n  - name: nginx\n    format: \"$status $\"\n    source:\n      files: [/tmp/x.log]\n", ": namespace \"nginx\": format:")]
    [InlineData("namespaces:\n  - name: nginx\n    format: [\n", ":4: not valid YAML")]
    public async Task Verify_config_prints_the_first_problem_and_exits_2(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var config = LogExporter.WriteConfig(dir, yaml);

        var (exit, stdout, stderr) = await ExporterProcess.RunToEndAsync(LogExporter.Dll, [$"--config.file={config}", "--verify-config"]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"nginxlog-exporter: {config}{expected}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespaces_sharing_a_prefix_write_one_valid_page_told_apart_by_namespace_label()
    {
        using var dir = new TempDirectory();
        var (a, b) = (dir.File("a.log"), dir.File("b.log"));
        await File.WriteAllTextAsync(a, "");
        await File.WriteAllTextAsync(b, "");
        var config = LogExporter.WriteConfig(dir, $$"""
            namespaces:
              - name: shop
                format: "$request_method $status $request_time"
                namespace_label: vhost
                metrics_override: {prefix: http}
                source: {files: [{{a}}]}
              - name: blog
                format: "$request_method $status $request_time"
                namespace_label: vhost
                metrics_override: {prefix: http}
                source: {files: [{{b}}]}
            """);
        using var exporter = await LogExporter.StartAsync($"--config.file={config}");

        await File.AppendAllTextAsync(a, "GET 200 0.1\nGET 200 0.2\n");
        await File.AppendAllTextAsync(b, "POST 201 0.3\n");

        var page = await LogExporter.ScrapeUntilTotalAsync(exporter, "http_http_response_count_total", 3);
        Assert.Equal(2, page.Value("http_http_response_count_total", ("vhost", "shop"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, page.Value("http_http_response_count_total", ("vhost", "blog"), ("method", "POST"), ("status", "201")));
        Assert.Equal(0, page.Value("http_parse_errors_total", ("vhost", "shop")));
        Assert.Equal(0, page.Value("http_parse_errors_total", ("vhost", "blog")));
        Assert.Equal(1, page.Text.Split('\n').Count(l => l == "# TYPE http_http_response_count_total counter"));
        await Promtool.CheckMetricsAsync(page.Text);
    }

    [Theory]
    [InlineData(new string[0], "give --config.file, or --format and the log files to follow")]
    [InlineData(new[] { "--format=$status" }, "--format needs at least one log file as an argument")]
    [InlineData(new[] { "--config.file=/nonexistent/exporter.yml" }, "/nonexistent/exporter.yml")]
    [InlineData(new[] { "--listen-port=0", "--format=$status", "x.log" }, "invalid value \"0\" for flag --listen-port")]
    public async Task Bad_command_lines_exit_2_with_one_line(string[] args, string expected)
    {
        var (exit, _, stderr) = await ExporterProcess.RunToEndAsync(LogExporter.Dll, args);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
