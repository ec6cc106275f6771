using Exporters.Core.Configuration;
using Exporters.NginxLog.Configuration;

namespace Exporters.NginxLog.Tests.Configuration;

/// <summary>Each problem a configuration file can have, and the one line that reports it.</summary>
public sealed class ConfigErrorTests
{
    [Fact]
    public void Unreadable_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "nginxlog-config-missing", "config.yml");

        var error = Assert.Throws<UsageException>(() => ConfigLoader.LoadFile(path));

        Assert.StartsWith($"{path}: cannot read the configuration file: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Hcl_file()
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.LoadFile("/etc/nginxlog/config.hcl"));

        Assert.Equal("/etc/nginxlog/config.hcl: HCL configuration files are not supported; write the same settings as YAML", error.Message);
    }

    [Fact]
    public void Yaml_syntax_error()
    {
        const string Yaml = """
            namespaces:
              - name: "nginx
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: not valid YAML: While scanning a quoted scalar, found unexpected end of stream.", message);
    }

    [Fact]
    public void Empty_file()
    {
        const string Yaml = "";

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml: the configuration is empty; it needs a namespaces list", message);
    }

    [Fact]
    public void Root_is_a_list()
    {
        const string Yaml = """
            - a
            - b
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:1: the configuration: want a mapping of keys to values, got a list", message);
    }

    [Fact]
    public void Unknown_top_level_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            namespace: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: unknown key ""namespace"" at the top level", message);
    }

    [Fact]
    public void Missing_namespaces()
    {
        const string Yaml = """
            listen: {port: 80}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:1: missing required key ""namespaces""", message);
    }

    [Fact]
    public void Empty_namespaces()
    {
        const string Yaml = """
            namespaces: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:1: namespaces: must hold at least one namespace", message);
    }

    [Fact]
    public void Namespaces_not_a_list()
    {
        const string Yaml = """
            namespaces: {name: nginx}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:1: namespaces: want a list, got a mapping", message);
    }

    [Fact]
    public void Namespace_not_a_mapping()
    {
        const string Yaml = """
            namespaces:
              - nginx
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespaces[0]: namespace: want a mapping of keys to values, got ""nginx""", message);
    }

    [Fact]
    public void Missing_name()
    {
        const string Yaml = """
            namespaces:
              - format: $status
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespaces[0]: missing required key ""name""", message);
    }

    [Fact]
    public void Empty_name()
    {
        const string Yaml = """
            namespaces:
              - name: ""
                format: $status
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespaces[0]: name must not be empty", message);
    }

    [Fact]
    public void Name_with_a_dash()
    {
        const string Yaml = """
            namespaces:
              - name: my-app
                format: $status
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespace ""my-app"": name ""my-app"" may hold only letters, digits and underscores", message);
    }

    [Fact]
    public void Name_starting_with_a_digit()
    {
        const string Yaml = """
            namespaces:
              - name: 1app
                format: $status
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespace ""1app"": name ""1app"" starts with a digit and so cannot start metric names; set metrics_override.prefix", message);
    }

    [Fact]
    public void Duplicate_names()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
              - name: nginx
                format: $status
                source: {files: [/y.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": the name is used by an earlier namespace too; names must be unique", message);
    }

    [Fact]
    public void Missing_format()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespace ""nginx"": missing required key ""format"" (the nginx log_format of the log lines)", message);
    }

    [Fact]
    public void Empty_format()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: ""
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:3: namespace ""nginx"": format: must not be empty", message);
    }

    [Fact]
    public void Format_is_a_list()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: [$status]
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:3: namespace ""nginx"": format: want a string, got a list", message);
    }

    [Fact]
    public void Unknown_parser()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                parser: csv
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": parser: want text or json, got ""csv""", message);
    }

    [Fact]
    public void Unknown_namespace_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                fromat: $status
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": unknown key ""fromat"" in the namespace", message);
    }

    [Fact]
    public void Labels_not_a_mapping()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                labels: [a, b]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": labels: want a mapping of keys to values, got a list", message);
    }

    [Fact]
    public void Invalid_label_name()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                labels: {app-name: shop}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": labels: ""app-name"" is not a valid label name", message);
    }

    [Fact]
    public void Static_label_status()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                labels: {status: x}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": labels: ""status"" is a label the exporter sets itself", message);
    }

    [Fact]
    public void Static_label_method()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                labels:
                  app: shop
                  method: x
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": labels: ""method"" is a label the exporter sets itself", message);
    }

    [Fact]
    public void Static_label_is_the_namespace_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                namespace_label: vhost
                labels: {vhost: x}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": labels: ""vhost"" is a label the exporter sets itself", message);
    }

    [Fact]
    public void Invalid_namespace_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                namespace_label: "1x"
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": namespace_label: ""1x"" is not a usable label name", message);
    }

    [Fact]
    public void Relabel_configs_not_a_list()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs: {target_label: a}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": relabel_configs: want a list, got a mapping", message);
    }

    [Fact]
    public void Relabel_without_target_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - from: request
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel_configs[0]: missing required key ""target_label""", message);
    }

    [Fact]
    public void Relabel_invalid_target_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: request-uri
                    from: request
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel_configs[0].target_label: ""request-uri"" is not a valid label name", message);
    }

    [Fact]
    public void Relabel_without_from()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": missing required key ""from"" (the variable the value comes from)", message);
    }

    [Fact]
    public void Relabel_empty_from()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: ""
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": relabel ""uri"": from: must not be empty", message);
    }

    [Fact]
    public void Relabel_target_given_twice()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request}
                  - {target_label: uri, from: uri}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": relabel ""uri"": target_label is given twice in relabel_configs", message);
    }

    [Fact]
    public void Relabel_target_is_a_static_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                labels: {uri: x}
                relabel_configs:
                  - {target_label: uri, from: request}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": relabel ""uri"": target_label is also a static label in labels", message);
    }

    [Fact]
    public void Relabel_target_is_status()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: status, from: status}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""status"": target_label is a label the exporter sets itself", message);
    }

    [Fact]
    public void Relabel_target_is_the_namespace_label()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                namespace_label: vhost
                relabel_configs:
                  - {target_label: vhost, from: host}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": relabel ""vhost"": target_label is a label the exporter sets itself", message);
    }

    [Fact]
    public void Relabel_split_zero()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request, split: 0}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": split: must be at least 1, got 0", message);
    }

    [Fact]
    public void Relabel_split_not_an_integer()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request, split: two}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": split: want an integer, got ""two""", message);
    }

    [Fact]
    public void Relabel_bad_regexp()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: request
                    matches:
                      - regexp: "^/users/([0-9]+"
                        replacement: x
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:9: namespace ""nginx"": relabel ""uri"": bad regexp ""^/users/([0-9]+"": Invalid pattern '^/users/([0-9]+' at offset 15. Not enough )'s.", message);
    }

    [Fact]
    public void Relabel_unknown_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: request
                    match: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:8: namespace ""nginx"": unknown key ""match"" in relabel_configs[0]", message);
    }

    [Fact]
    public void Relabel_match_unknown_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: request
                    matches:
                      - regexp: x
                        replace: y
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:10: namespace ""nginx"": unknown key ""replace"" in relabel ""uri"": matches[0]", message);
    }

    [Fact]
    public void Relabel_match_ignore()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: request
                    matches:
                      - regexp: x
                        ignore: y
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:10: namespace ""nginx"": relabel ""uri"": matches[0]: ignore is not supported; leave such values to a regexp of their own", message);
    }

    [Fact]
    public void Relabel_match_without_regexp()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - target_label: uri
                    from: request
                    matches:
                      - replacement: y
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:9: namespace ""nginx"": relabel ""uri"": matches[0]: missing required key ""regexp""", message);
    }

    [Fact]
    public void Relabel_default_without_matches()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request, default: other}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": default is the value when no entry of matches does, but there are no matches", message);
    }

    [Fact]
    public void Relabel_only_counter_not_a_bool()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request, only_counter: maybe}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": only_counter: want true or false, got ""maybe""", message);
    }

    [Fact]
    public void Relabel_whitelist_not_a_list()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                relabel_configs:
                  - {target_label: uri, from: request, whitelist: /a}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": relabel ""uri"": whitelist: want a list, got ""/a""", message);
    }

    [Fact]
    public void Buckets_empty()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                histogram_buckets: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": histogram_buckets: must not be empty", message);
    }

    [Fact]
    public void Buckets_not_ascending()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                histogram_buckets: [0.1, 1, 0.5]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": histogram_buckets: must be strictly ascending, but 0.5 follows 1", message);
    }

    [Fact]
    public void Buckets_repeated()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                histogram_buckets:
                  - 1
                  - 1
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:7: namespace ""nginx"": histogram_buckets: must be strictly ascending, but 1 follows 1", message);
    }

    [Fact]
    public void Bucket_not_a_number()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                histogram_buckets: [0.1, fast]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": histogram_buckets[1]: want a number, got ""fast""", message);
    }

    [Fact]
    public void Bucket_infinite()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                histogram_buckets: [0.1, .inf]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": histogram_buckets[1]: must be a finite number (+Inf is always the last bucket)", message);
    }

    [Fact]
    public void Metrics_override_unknown_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                metrics_override: {prefx: web}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": unknown key ""prefx"" in metrics_override", message);
    }

    [Fact]
    public void Metrics_override_bad_prefix()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                metrics_override: {prefix: "web-1"}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": metrics_override.prefix: ""web-1"" cannot start a metric name (letters, digits, underscores and colons, not starting with a digit)", message);
    }

    [Fact]
    public void Status_class_not_a_bool()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                status_class: 2
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": status_class: want true or false, got ""2""", message);
    }

    [Fact]
    public void Print_log_not_a_bool()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                print_log: loud
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": print_log: want true or false, got ""loud""", message);
    }

    [Fact]
    public void Max_series_zero()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                max_series: 0
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": max_series: must be at least 1, got 0", message);
    }

    [Fact]
    public void Max_series_not_an_integer()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                max_series: 1.5
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": max_series: want an integer, got ""1.5""", message);
    }

    [Fact]
    public void Series_ttl_not_a_duration()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                series_ttl: 300
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": series_ttl: want a duration greater than 0 like 10m or 1h30m, got ""300""", message);
    }

    [Fact]
    public void Series_ttl_zero()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                series_ttl: 0s
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": series_ttl: want a duration greater than 0 like 10m or 1h30m, got ""0s""", message);
    }

    [Fact]
    public void Unknown_metrics_style()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                metrics_style: classic
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": metrics_style: want default or nginxlog-exporter, got ""classic""", message);
    }

    [Fact]
    public void Max_line_bytes_too_small()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                max_line_bytes: 512
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": max_line_bytes: must be from 1024 to 16777216, got 512", message);
    }

    [Fact]
    public void Max_line_bytes_too_large()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                max_line_bytes: 16777217
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": max_line_bytes: must be from 1024 to 16777216, got 16777217", message);
    }

    [Fact]
    public void Missing_source()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:2: namespace ""nginx"": missing required key ""source"" (with the log files under source.files)", message);
    }

    [Fact]
    public void Source_without_files()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  start_at: end
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": missing required key ""files"" in source", message);
    }

    [Fact]
    public void Source_files_empty()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  files: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": source.files: must name at least one log file", message);
    }

    [Fact]
    public void Source_files_not_a_list()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  files: /x.log
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": source.files: want a list, got ""/x.log""", message);
    }

    [Fact]
    public void Source_file_empty()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  files: [""]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": source.files[0]: must not be empty", message);
    }

    [Fact]
    public void Source_files_and_source_files_both()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
                source_files: [/y.log]
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""nginx"": source_files and source.files are both given; keep only source.files", message);
    }

    [Fact]
    public void Source_files_empty_deprecated()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source_files: []
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:4: namespace ""nginx"": source_files: must name at least one log file", message);
    }

    [Theory]
    [InlineData("listen_address: udp://127.0.0.1", 6, "source.syslog.listen_address \"udp://127.0.0.1\": want host:port with a port from 1 to 65535 after the scheme")]
    [InlineData("listen_address: syslog.example:514", 6, "source.syslog.listen_address \"syslog.example:514\": want udp://host:port, tcp://host:port or unix:///path")]
    [InlineData("listen_address: udp://nginx-host:514", 6, "source.syslog.listen_address \"udp://nginx-host:514\": host \"nginx-host\" is not an IP address (or localhost)")]
    [InlineData("listen_address: unix://relative.sock", 6, "source.syslog.listen_address \"unix://relative.sock\": a unix socket address needs an absolute path, like unix:///run/nginx-syslog.sock")]
    [InlineData("format: rfc3164", 6, "source.syslog: missing required key \"listen_address\" (udp://host:port, tcp://host:port or unix:///path)")]
    [InlineData("listen_address: udp://127.0.0.1:5531\n        format: rfc9999", 7, "source.syslog.format: want rfc3164, rfc5424 or auto, got \"rfc9999\"")]
    public void Bad_syslog_source(string syslog, int line, string expected)
    {
        var yaml = $"""
            namespaces:
              - name: nginx
                format: $status
                source:
                  syslog:
                    {syslog}
            """;

        var message = ConfigFiles.Error(yaml);

        Assert.Equal($"nginxlog.yml:{line}: namespace \"nginx\": {expected}", message);
    }

    [Fact]
    public void Two_namespaces_on_one_syslog_address()
    {
        const string Yaml = """
            namespaces:
              - name: a
                format: $status
                source: {syslog: {listen_address: "udp://127.0.0.1:5531"}}
              - name: b
                format: $status
                source: {syslog: {listen_address: "udp://127.0.0.1:5531"}}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""b"": source.syslog.listen_address ""udp://127.0.0.1:5531"" is namespace ""a""'s too; each needs its own", message);
    }

    [Fact]
    public void Unknown_start_at()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  files: [/x.log]
                  start_at: middle
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": source.start_at: want end or beginning, got ""middle""", message);
    }

    [Fact]
    public void Unknown_source_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source:
                  files: [/x.log]
                  file: /y.log
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: namespace ""nginx"": unknown key ""file"" in source", message);
    }

    [Fact]
    public void Shared_position_file()
    {
        const string Yaml = """
            namespaces:
              - name: a
                format: $status
                source: {files: [/a.log], position_file: /p}
              - name: b
                format: $status
                source: {files: [/b.log], position_file: /p}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: namespace ""b"": source.position_file ""/p"" is namespace ""a""'s too; each needs its own", message);
    }

    [Fact]
    public void Listen_port_out_of_range()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            listen: {port: 70000}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: listen.port: must be from 1 to 65535, got 70000", message);
    }

    [Fact]
    public void Listen_port_not_an_integer()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            listen: {port: http}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: listen.port: want an integer, got ""http""", message);
    }

    [Fact]
    public void Listen_metrics_endpoint_without_slash()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            listen: {metrics_endpoint: metrics}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: listen.metrics_endpoint: want a path starting with /, got ""metrics""", message);
    }

    [Fact]
    public void Listen_unknown_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            listen:
              host: 127.0.0.1
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: unknown key ""host"" in listen", message);
    }

    [Fact]
    public void Consul_enabled()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            consul:
              enable: true
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:6: consul.enable: registration with Consul is not supported; set it to false or remove the consul section", message);
    }

    [Fact]
    public void Enable_experimental_not_a_bool()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                source: {files: [/x.log]}
            enable_experimental: "sure"
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:5: enable_experimental: want true or false, got ""sure""", message);
    }

    [Fact]
    public void Duplicate_key()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                format: $status
                format: $request
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:4: not valid YAML: Duplicate key format", message);
    }

    [Fact]
    public void Merge_key_without_a_mapping()
    {
        const string Yaml = """
            namespaces:
              - name: nginx
                <<: 5
                format: $status
                source: {files: [/x.log]}
            """;

        var message = ConfigFiles.Error(Yaml);

        Assert.Equal(@"nginxlog.yml:3: namespace ""nginx"": unknown key ""<<"" in the namespace", message);
    }
}
