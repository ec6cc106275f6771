using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void The_worker_stacks_file_loads_unchanged()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" rt=$request_time"
                source:
                  files:
                    - /var/log/nginx/access.log
            """;

        var loaded = ConfigFiles.Load(Yaml);

        var ns = Assert.Single(loaded.Config.Namespaces);
        Assert.Equal("nginx", ns.Name);
        Assert.Equal(
            """$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time""",
            ns.Format);
        Assert.Equal(["/var/log/nginx/access.log"], ns.Source.Files);
        Assert.Equal(StartPosition.End, ns.Source.StartAt);
        Assert.Null(ns.Source.PositionFile);
        Assert.Equal("nginx", ns.MetricsPrefix);
        Assert.Equal(ParserKind.Text, ns.Parser);
        Assert.Empty(ns.Labels);
        Assert.Empty(ns.Relabels);
        Assert.Same(NamespaceConfig.DefaultBuckets, ns.HistogramBuckets);
        Assert.Null(ns.NamespaceLabel);
        Assert.False(ns.StatusClass);
        Assert.Equal(10_000, ns.MaxSeries);
        Assert.Null(ns.SeriesTtl);
        Assert.Equal(MetricsStyle.Default, ns.Style);
        Assert.Equal(65536, ns.MaxLineBytes);
        Assert.EndsWith("config.yml", loaded.Config.FileName, StringComparison.Ordinal);
        Assert.Empty(loaded.FlagDefaults);
    }

    [Fact]
    public void A_file_using_every_key_loads()
    {
        const string Yaml = """
            enable_experimental: true
            listen:
              address: 127.0.0.1
              port: 4040
              metrics_endpoint: /prometheus
            namespaces:
              - name: app_one
                parser: text
                format: '$remote_addr "$request" $status $request_time $upstream_response_time'
                print_log: false
                labels:
                  zone: eu
                  app: shop
                  build: 42
                relabel_configs:
                  - target_label: request_uri
                    from: request
                    split: 2
                    separator: " "
                    matches:
                      - regexp: '^/users/(?P<id>[0-9]+)'
                        replacement: /users/:id
                      - regexp: ^/static/
                        replacement: /static
                    default: other
                  - target_label: agent
                    from: $http_user_agent
                    separator: ";"
                    split: 1
                    whitelist: [curl, wget]
                    only_counter: true
                histogram_buckets: [0.01, .1, 1, 1e1]
                metrics_override:
                  prefix: shop
                namespace_label: vhost
                status_class: true
                max_series: 500
                series_ttl: 1h30m
                metrics_style: nginxlog-exporter
                max_line_bytes: 1048576
                source:
                  files: [/var/log/a.log, /var/log/b.log]
                  start_at: beginning
                  position_file: /var/lib/nginxlog/app_one.pos
              - name: api
                parser: json
                source:
                  files: [/var/log/api.json]
                metrics_override: {prefix: ""}
            """;

        var loaded = ConfigFiles.Load(Yaml);

        Assert.Equal(2, loaded.Config.Namespaces.Count);
        var ns = loaded.Config.Namespaces[0];
        Assert.Equal("app_one", ns.Name);
        Assert.Equal(ParserKind.Text, ns.Parser);
        Assert.Equal("""$remote_addr "$request" $status $request_time $upstream_response_time""", ns.Format);
        Assert.Equal([new("zone", "eu"), new("app", "shop"), new KeyValuePair<string, string>("build", "42")], ns.Labels);
        Assert.Equal(2, ns.Relabels.Count);

        var uri = ns.Relabels[0];
        Assert.Equal("request_uri", uri.TargetLabel);
        Assert.Equal("request", uri.From);
        Assert.Equal(2, uri.Split);
        Assert.Equal(" ", uri.Separator);
        Assert.Null(uri.Whitelist);
        Assert.Equal("other", uri.Default);
        Assert.False(uri.OnlyCounter);
        Assert.Equal(2, uri.Matches.Count);
        Assert.Equal("/users/:id", uri.Matches[0].Replacement);
        Assert.Equal("7", uri.Matches[0].Regex.Match("/users/7").Groups["id"].Value);
        Assert.Equal(GoRegexp.Options, uri.Matches[0].Regex.Options);
        Assert.Matches(uri.Matches[1].Regex, "/static/app.css");

        var agent = ns.Relabels[1];
        Assert.Equal("agent", agent.TargetLabel);
        Assert.Equal("http_user_agent", agent.From);
        Assert.Equal(";", agent.Separator);
        Assert.Equal(1, agent.Split);
        Assert.NotNull(agent.Whitelist);
        Assert.Equal(["curl", "wget"], agent.Whitelist.Order(StringComparer.Ordinal));
        Assert.Empty(agent.Matches);
        Assert.Null(agent.Default);
        Assert.True(agent.OnlyCounter);

        Assert.Equal([0.01, 0.1, 1, 10], ns.HistogramBuckets);
        Assert.Equal("shop", ns.MetricsPrefix);
        Assert.Equal("vhost", ns.NamespaceLabel);
        Assert.True(ns.StatusClass);
        Assert.Equal(500, ns.MaxSeries);
        Assert.Equal(TimeSpan.FromMinutes(90), ns.SeriesTtl);
        Assert.Equal(MetricsStyle.NginxlogExporter, ns.Style);
        Assert.Equal(1024 * 1024, ns.MaxLineBytes);
        Assert.Equal(["/var/log/a.log", "/var/log/b.log"], ns.Source.Files);
        Assert.Equal(StartPosition.Beginning, ns.Source.StartAt);
        Assert.Equal("/var/lib/nginxlog/app_one.pos", ns.Source.PositionFile);

        var api = loaded.Config.Namespaces[1];
        Assert.Equal(ParserKind.Json, api.Parser);
        Assert.Equal("", api.Format);
        Assert.Equal("", api.MetricsPrefix);
        Assert.Equal(["/var/log/api.json"], api.Source.Files);

        Assert.Equal(["127.0.0.1:4040"], loaded.FlagDefaults[ConfigLoader.ListenAddressFlag]);
        Assert.Equal(["/prometheus"], loaded.FlagDefaults[ConfigLoader.TelemetryPathFlag]);
    }

    [Fact]
    public void The_go_exporters_readme_example_loads()
    {
        const string Yaml = """
            listen:
              port: 4040
              address: "0.0.0.0"
              metrics_endpoint: "/metrics"

            consul:
              enable: false
              address: "localhost:8500"
              datacenter: dc1
              scheme: http
              token: ""
              service:
                id: "nginx-exporter"
                name: "nginx-exporter"
                address: "192.168.3.1"
                tags: ["foo", "bar"]

            namespaces:
              - name: nginx
                format: "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\""
                source_files:
                  - /var/log/nginx/access.log
                labels:
                  app: "magicapp"
                  foo: "bar"
                relabel_configs:
                - target_label: request_uri
                  from: request
                  split: 2
                  separator: ' '  # (default)
                  whitelist:
                  - "/users"
                  - "/profile"
                  matches:
                  - regexp: "^/users/[0-9]+"
                    replacement: "/users/:id"
                histogram_buckets: [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10]
              - name: stats
                format: "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                source:
                  files:
                    - /var/log/nginx/stats.log
                namespace_label: vhost
                metrics_override:
                  prefix: nginx
            """;

        var loaded = ConfigFiles.Load(Yaml, "config.yaml");

        Assert.Equal([":4040"], loaded.FlagDefaults[ConfigLoader.ListenAddressFlag]);
        Assert.Equal(["/metrics"], loaded.FlagDefaults[ConfigLoader.TelemetryPathFlag]);
        var nginx = loaded.Config.Namespaces[0];
        Assert.Equal(["/var/log/nginx/access.log"], nginx.Source.Files);
        Assert.Equal([new("app", "magicapp"), new KeyValuePair<string, string>("foo", "bar")], nginx.Labels);
        Assert.EndsWith("\"$http_x_forwarded_for\"", nginx.Format, StringComparison.Ordinal);
        var relabel = Assert.Single(nginx.Relabels);
        Assert.Equal(2, relabel.Split);
        Assert.Equal(" ", relabel.Separator);
        Assert.True(relabel.Whitelist!.SetEquals(["/users", "/profile"]));
        var match = Assert.Single(relabel.Matches);
        Assert.Equal("/users/:id", match.Replacement);
        Assert.Matches(match.Regex, "/users/123");
        Assert.Equal(NamespaceConfig.DefaultBuckets, nginx.HistogramBuckets);

        var stats = loaded.Config.Namespaces[1];
        Assert.Equal("nginx", stats.MetricsPrefix);
        Assert.Equal("vhost", stats.NamespaceLabel);
    }

    [Theory]
    [InlineData("{port: 9000}", ":9000")]
    [InlineData("{address: \"\", port: 80}", ":80")]
    [InlineData("{address: 10.0.0.1, port: 80}", "10.0.0.1:80")]
    [InlineData("{address: \"::1\", port: 80}", "[::1]:80")]
    [InlineData("{address: 10.0.0.1}", "10.0.0.1:9114")]
    public void Listen_becomes_the_listen_address_flag(string listen, string expected)
    {
        var loaded = ConfigLoader.Parse($"listen: {listen}\nnamespaces: [{{name: a, format: $status, source_files: [/x.log]}}]\n", "c.yml");

        Assert.Equal([expected], loaded.FlagDefaults[ConfigLoader.ListenAddressFlag]);
        Assert.False(loaded.FlagDefaults.ContainsKey(ConfigLoader.TelemetryPathFlag));
    }

    [Fact]
    public void Listen_with_only_the_default_address_sets_no_flag()
    {
        var loaded = ConfigLoader.Parse("listen: {address: 0.0.0.0}\nnamespaces: [{name: a, format: $status, source_files: [/x.log]}]\n", "c.yml");

        Assert.Empty(loaded.FlagDefaults);
    }

    [Fact]
    public void Null_values_leave_the_defaults_as_gos_decoder_does()
    {
        const string Yaml = """
            listen:
            enableexperimentalfeatures: yes
            namespaces:
              - name: nginx
                format: $status
                labels:
                relabel_configs:
                histogram_buckets: ~
                metrics_override:
                source:
                  files: [/x.log]
                  syslog:
            """;

        var ns = Assert.Single(ConfigLoader.Parse(Yaml, "c.yml").Config.Namespaces);

        Assert.Empty(ns.Labels);
        Assert.Empty(ns.Relabels);
        Assert.Equal("nginx", ns.MetricsPrefix);
        Assert.Equal(NamespaceConfig.DefaultBuckets, ns.HistogramBuckets);
    }

    [Fact]
    public void Merge_keys_share_settings_between_namespaces()
    {
        const string Yaml = """
            namespaces:
              - &defaults
                name: www
                format: $remote_addr "$request" $status
                labels: {team: web}
                source: {files: [/var/log/www.log]}
              - <<: *defaults
                name: shop
                source: {files: [/var/log/shop.log]}
            """;

        var namespaces = ConfigLoader.Parse(Yaml, "c.yml").Config.Namespaces;

        Assert.Equal(["www", "shop"], namespaces.Select(ns => ns.Name));
        Assert.Equal(namespaces[0].Format, namespaces[1].Format);
        Assert.Equal([new KeyValuePair<string, string>("team", "web")], namespaces[1].Labels);
        Assert.Equal(["/var/log/shop.log"], namespaces[1].Source.Files);
    }

    [Fact]
    public void An_empty_whitelist_allows_every_value()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs: [{target_label: host, from: host, whitelist: []}]
            """;

        var relabel = Assert.Single(Assert.Single(ConfigLoader.Parse(Yaml, "c.yml").Config.Namespaces).Relabels);

        Assert.Null(relabel.Whitelist);
        Assert.Equal(0, relabel.Split);
    }

    [Fact]
    public void Quick_mode_reads_the_files_in_one_namespace()
    {
        var config = ConfigLoader.FromQuickMode("$remote_addr \"$request\" $status", "web", ["/var/log/a.log", "/var/log/b.log"]);

        var ns = Assert.Single(config.Namespaces);
        Assert.Null(config.FileName);
        Assert.Equal("web", ns.Name);
        Assert.Equal("web", ns.MetricsPrefix);
        Assert.Equal("$remote_addr \"$request\" $status", ns.Format);
        Assert.Equal(ParserKind.Text, ns.Parser);
        Assert.Equal(["/var/log/a.log", "/var/log/b.log"], ns.Source.Files);
        Assert.Equal(StartPosition.End, ns.Source.StartAt);
    }

    [Theory]
    [InlineData("$status", "bad-name", new[] { "/a.log" }, "--namespace: name \"bad-name\" may hold only letters, digits and underscores")]
    [InlineData("$status", "", new[] { "/a.log" }, "--namespace: name must not be empty")]
    [InlineData("", "nginx", new[] { "/a.log" }, "--format: must not be empty")]
    [InlineData("$status", "nginx", new string[0], "no log files given: name them as arguments, or use --config-file")]
    public void Quick_mode_errors(string format, string name, string[] files, string expected)
    {
        var error = Assert.Throws<Exporters.Core.Configuration.UsageException>(() => ConfigLoader.FromQuickMode(format, name, files));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("^/users/(?P<id>[0-9]+)$", "^/users/(?<id>[0-9]+)$")]
    [InlineData(@"\(?P<x>", @"\(?P<x>")]
    [InlineData("[(?P<]x", "[(?P<]x")]
    [InlineData("[]](?P<a>b)", "[]](?<a>b)")]
    [InlineData("plain", "plain")]
    public void Go_named_groups_are_translated(string go, string dotnet) => Assert.Equal(dotnet, GoRegexp.Translate(go));
}
