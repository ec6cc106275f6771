using System.Globalization;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.NginxLog.Syslog;
using Exporters.NginxLog.Tailing;
using YamlDotNet.RepresentationModel;

namespace Exporters.NginxLog.Configuration;

/// <summary>Reads and checks one entry of the <c>namespaces</c> list.</summary>
internal sealed class NamespaceLoader
{
    public const int DefaultMaxSeries = 10_000;
    public const int DefaultMaxLineBytes = 64 * 1024;
    public const int MinMaxLineBytes = 1024;
    public const int MaxMaxLineBytes = 16 * 1024 * 1024;
    public const int DefaultMaxLabelBytes = 256;
    public const int MinMaxLabelBytes = 16;
    public const int MaxMaxLabelBytes = 64 * 1024;

    private static readonly string[] NamespaceKeys =
    [
        "name", "format", "parser", "labels", "relabel_configs", "histogram_buckets", "metrics_override",
        "namespace_label", "status_class", "max_series", "series_ttl", "metrics_style", "max_line_bytes", "max_label_bytes",
        "source", "source_files", "print_log",
    ];

    private static readonly string[] SourceKeys = ["files", "start_at", "position_file", "syslog"];
    private static readonly string[] RelabelKeys =
        ["target_label", "from", "split", "separator", "whitelist", "matches", "only_counter", "default"];

    private static readonly string[] SyslogKeys = ["listen_address", "format", "tags"];
    private static readonly string[] MatchKeys = ["regexp", "replacement", "ignore"];
    private static readonly string[] OverrideKeys = ["prefix"];

    /// <summary>Labels every family already has, or that histograms and summaries add.</summary>
    private static readonly string[] ReservedLabels = ["method", "status", "le", "quantile"];

    private readonly YamlValues _values;
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, YamlNode> _entries;

    private NamespaceLoader(YamlValues values, YamlMappingNode node, Dictionary<string, YamlNode> entries)
    {
        _values = values;
        _node = node;
        _entries = entries;
    }

    /// <summary>Letters, digits and underscores; the name also starts metric names unless a prefix overrides it.</summary>
    public static string? CheckName(string name, bool isPrefix)
    {
        if (name.Length == 0)
        {
            return "name must not be empty";
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"name \"{name}\" may hold only letters, digits and underscores";
        }

        return isPrefix && char.IsAsciiDigit(name[0])
            ? $"name \"{name}\" starts with a digit and so cannot start metric names; set metrics_override.prefix"
            : null;
    }

    /// <summary>Reads the namespace at <paramref name="node"/>, the <paramref name="index"/>th of the list.</summary>
    public static NamespaceConfig Load(YamlValues fileValues, YamlNode node, int index)
    {
        var listScope = fileValues.Within($"namespaces[{index.ToString(CultureInfo.InvariantCulture)}]");
        var mapping = listScope.Mapping(node, "namespace");

        // The name comes first so every later problem can be reported with it.
        string? name = null;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "name" })
            {
                name = listScope.String(value, "name");
                break;
            }
        }

        if (name is null)
        {
            throw listScope.Error(mapping, "missing required key \"name\"");
        }

        var values = name.Length > 0 ? fileValues.Within($"namespace \"{name}\"") : listScope;
        var entries = values.Entries(mapping, "namespace", "in the namespace", NamespaceKeys);
        return new NamespaceLoader(values, mapping, entries).Read(name);
    }

    private NamespaceConfig Read(string name)
    {
        var nameNode = _entries.GetValueOrDefault("name") ?? _node;
        var prefix = ReadPrefix();
        if (CheckName(name, isPrefix: prefix is null) is { } nameProblem)
        {
            throw _values.Error(nameNode, nameProblem);
        }

        var parser = ReadParser();
        var format = "";
        if (_entries.TryGetValue("format", out var formatNode))
        {
            format = _values.String(formatNode, "format");
        }

        if (parser == ParserKind.Text && format.Length == 0)
        {
            throw formatNode is null
                ? _values.Error(_node, "missing required key \"format\" (the nginx log_format of the log lines)")
                : _values.Error(formatNode, "format: must not be empty");
        }

        if (_entries.TryGetValue("print_log", out var printLog))
        {
            _ = _values.Bool(printLog, "print_log");
        }

        string? namespaceLabel = null;
        if (_entries.TryGetValue("namespace_label", out var namespaceLabelNode))
        {
            namespaceLabel = _values.String(namespaceLabelNode, "namespace_label");
            if (!MetricNames.IsValidLabelName(namespaceLabel) || ReservedLabels.Contains(namespaceLabel))
            {
                throw _values.Error(namespaceLabelNode, $"namespace_label: \"{namespaceLabel}\" is not a usable label name");
            }
        }

        var labels = ReadLabels(namespaceLabel);
        var relabels = ReadRelabels(labels, namespaceLabel);
        return new NamespaceConfig
        {
            Name = name,
            Format = format,
            Parser = parser,
            Labels = labels,
            Relabels = relabels,
            HistogramBuckets = ReadBuckets(),
            MetricsPrefix = prefix ?? name,
            NamespaceLabel = namespaceLabel,
            StatusClass = _entries.TryGetValue("status_class", out var statusClass) && _values.Bool(statusClass, "status_class"),
            MaxSeries = _entries.TryGetValue("max_series", out var maxSeries)
                ? _values.IntegerIn(maxSeries, "max_series", 1, int.MaxValue)
                : DefaultMaxSeries,
            SeriesTtl = ReadSeriesTtl(),
            Style = ReadStyle(),
            MaxLineBytes = _entries.TryGetValue("max_line_bytes", out var maxLineBytes)
                ? _values.IntegerIn(maxLineBytes, "max_line_bytes", MinMaxLineBytes, MaxMaxLineBytes)
                : DefaultMaxLineBytes,
            MaxLabelBytes = _entries.TryGetValue("max_label_bytes", out var maxLabelBytes)
                ? _values.IntegerIn(maxLabelBytes, "max_label_bytes", MinMaxLabelBytes, MaxMaxLabelBytes)
                : DefaultMaxLabelBytes,
            Source = ReadSource(),
        };
    }

    /// <summary><c>metrics_override.prefix</c>: null when there is no override; an empty override means no prefix.</summary>
    private string? ReadPrefix()
    {
        if (!_entries.TryGetValue("metrics_override", out var node))
        {
            return null;
        }

        var entries = _values.Entries(node, "metrics_override", "in metrics_override", OverrideKeys);
        if (!entries.TryGetValue("prefix", out var prefixNode))
        {
            return "";
        }

        var prefix = _values.String(prefixNode, "metrics_override.prefix");
        return prefix.Length == 0 || MetricNames.IsValidMetricName(prefix)
            ? prefix
            : throw _values.Error(prefixNode, $"metrics_override.prefix: \"{prefix}\" cannot start a metric name "
                + "(letters, digits, underscores and colons, not starting with a digit)");
    }

    private ParserKind ReadParser()
    {
        if (!_entries.TryGetValue("parser", out var node))
        {
            return ParserKind.Text;
        }

        return _values.String(node, "parser") switch
        {
            "" or "text" => ParserKind.Text,
            "json" => ParserKind.Json,
            var other => throw _values.Error(node, $"parser: want text or json, got \"{other}\""),
        };
    }

    private List<KeyValuePair<string, string>> ReadLabels(string? namespaceLabel)
    {
        var labels = new List<KeyValuePair<string, string>>();
        if (!_entries.TryGetValue("labels", out var node))
        {
            return labels;
        }

        foreach (var (keyNode, valueNode) in _values.Mapping(node, "labels").Children)
        {
            var label = _values.KeyOf(keyNode, "in labels");
            if (!MetricNames.IsValidLabelName(label))
            {
                throw _values.Error(keyNode, $"labels: \"{label}\" is not a valid label name");
            }

            if (ReservedLabels.Contains(label) || label == namespaceLabel)
            {
                throw _values.Error(keyNode, $"labels: \"{label}\" is a label the exporter sets itself");
            }

            labels.Add(new(label, _values.String(valueNode, $"labels.{label}")));
        }

        return labels;
    }

    private List<RelabelConfig> ReadRelabels(List<KeyValuePair<string, string>> labels, string? namespaceLabel)
    {
        var relabels = new List<RelabelConfig>();
        if (!_entries.TryGetValue("relabel_configs", out var node))
        {
            return relabels;
        }

        var sequence = _values.Sequence(node, "relabel_configs");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var relabel = ReadRelabel(sequence.Children[i], $"relabel_configs[{i.ToString(CultureInfo.InvariantCulture)}]");
            var target = relabel.TargetLabel;
            if (ReservedLabels.Contains(target) || target == namespaceLabel)
            {
                throw _values.Error(sequence.Children[i], $"relabel \"{target}\": target_label is a label the exporter sets itself");
            }

            if (labels.Any(label => label.Key == target))
            {
                throw _values.Error(sequence.Children[i], $"relabel \"{target}\": target_label is also a static label in labels");
            }

            if (relabels.Any(other => other.TargetLabel == target))
            {
                throw _values.Error(sequence.Children[i], $"relabel \"{target}\": target_label is given twice in relabel_configs");
            }

            relabels.Add(relabel);
        }

        return relabels;
    }

    private RelabelConfig ReadRelabel(YamlNode node, string what)
    {
        var entries = _values.Entries(node, what, $"in {what}", RelabelKeys);
        if (!entries.TryGetValue("target_label", out var targetNode))
        {
            throw _values.Error(node, $"{what}: missing required key \"target_label\"");
        }

        var target = _values.String(targetNode, $"{what}.target_label");
        if (!MetricNames.IsValidLabelName(target))
        {
            throw _values.Error(targetNode, $"{what}.target_label: \"{target}\" is not a valid label name");
        }

        var relabel = $"relabel \"{target}\"";
        if (!entries.TryGetValue("from", out var fromNode))
        {
            throw _values.Error(node, $"{relabel}: missing required key \"from\" (the variable the value comes from)");
        }

        var from = _values.NonEmptyString(fromNode, $"{relabel}: from").TrimStart('$');
        if (from.Length == 0)
        {
            throw _values.Error(fromNode, $"{relabel}: from: must name a variable");
        }

        var separator = entries.TryGetValue("separator", out var separatorNode) ? _values.String(separatorNode, $"{relabel}: separator") : "";
        var whitelist = entries.TryGetValue("whitelist", out var whitelistNode)
            ? _values.StringList(whitelistNode, $"{relabel}: whitelist", allowEmptyItems: true)
            : [];
        var matches = entries.TryGetValue("matches", out var matchesNode) ? ReadMatches(matchesNode, relabel) : [];
        string? fallback = null;
        if (entries.TryGetValue("default", out var defaultNode))
        {
            fallback = _values.String(defaultNode, $"{relabel}: default");
            if (matches.Count == 0)
            {
                throw _values.Error(defaultNode, $"{relabel}: default is the value when no entry of matches does, but there are no matches");
            }
        }

        return new RelabelConfig
        {
            TargetLabel = target,
            From = from,
            Split = entries.TryGetValue("split", out var splitNode) ? _values.IntegerIn(splitNode, $"{relabel}: split", 1, int.MaxValue) : 0,
            Separator = separator.Length == 0 ? " " : separator,
            Whitelist = whitelist.Count == 0 ? null : new HashSet<string>(whitelist, StringComparer.Ordinal),
            Matches = matches,
            Default = fallback,
            OnlyCounter = entries.TryGetValue("only_counter", out var onlyCounter) && _values.Bool(onlyCounter, $"{relabel}: only_counter"),
        };
    }

    private List<RelabelMatch> ReadMatches(YamlNode node, string relabel)
    {
        var matches = new List<RelabelMatch>();
        var sequence = _values.Sequence(node, $"{relabel}: matches");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var what = $"{relabel}: matches[{i.ToString(CultureInfo.InvariantCulture)}]";
            var entries = _values.Entries(sequence.Children[i], what, $"in {what}", MatchKeys);
            if (entries.TryGetValue("ignore", out var ignore))
            {
                throw _values.Error(ignore, $"{what}: ignore is not supported; leave such values to a regexp of their own");
            }

            if (!entries.TryGetValue("regexp", out var regexpNode))
            {
                throw _values.Error(sequence.Children[i], $"{what}: missing required key \"regexp\"");
            }

            var pattern = _values.String(regexpNode, $"{what}.regexp");
            System.Text.RegularExpressions.Regex regex;
            try
            {
                regex = GoRegexp.Compile(pattern);
            }
            catch (ArgumentException e)
            {
                throw _values.Error(regexpNode, $"{relabel}: bad regexp \"{pattern}\": {OneLine(e.Message)}");
            }

            var replacement = entries.TryGetValue("replacement", out var replacementNode)
                ? _values.String(replacementNode, $"{what}.replacement")
                : "";
            matches.Add(new RelabelMatch(regex, replacement));
        }

        return matches;
    }

    private IReadOnlyList<double> ReadBuckets()
    {
        if (!_entries.TryGetValue("histogram_buckets", out var node))
        {
            return NamespaceConfig.DefaultBuckets;
        }

        var sequence = _values.Sequence(node, "histogram_buckets");
        if (sequence.Children.Count == 0)
        {
            throw _values.Error(node, "histogram_buckets: must not be empty");
        }

        var buckets = new List<double>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var what = $"histogram_buckets[{i.ToString(CultureInfo.InvariantCulture)}]";
            var bound = _values.Number(item, what);
            if (!double.IsFinite(bound))
            {
                throw _values.Error(item, $"{what}: must be a finite number (+Inf is always the last bucket)");
            }

            if (buckets.Count > 0 && bound <= buckets[^1])
            {
                throw _values.Error(item, $"histogram_buckets: must be strictly ascending, but "
                    + $"{bound.ToString(CultureInfo.InvariantCulture)} follows {buckets[^1].ToString(CultureInfo.InvariantCulture)}");
            }

            buckets.Add(bound);
        }

        return buckets;
    }

    private TimeSpan? ReadSeriesTtl()
    {
        if (!_entries.TryGetValue("series_ttl", out var node))
        {
            return null;
        }

        var text = _values.String(node, "series_ttl");
        return GoDuration.TryParse(text, out var ttl) && ttl > TimeSpan.Zero
            ? ttl
            : throw _values.Error(node, $"series_ttl: want a duration greater than 0 like 10m or 1h30m, got \"{text}\"");
    }

    private MetricsStyle ReadStyle()
    {
        if (!_entries.TryGetValue("metrics_style", out var node))
        {
            return MetricsStyle.Default;
        }

        return _values.String(node, "metrics_style") switch
        {
            "default" => MetricsStyle.Default,
            "nginxlog-exporter" => MetricsStyle.NginxlogExporter,
            var other => throw _values.Error(node, $"metrics_style: want default or nginxlog-exporter, got \"{other}\""),
        };
    }

    private SourceConfig ReadSource()
    {
        _entries.TryGetValue("source_files", out var sourceFilesNode);
        if (!_entries.TryGetValue("source", out var sourceNode))
        {
            return sourceFilesNode is null
                ? throw _values.Error(_node, "missing required key \"source\" (with the log files under source.files)")
                : new SourceConfig { Files = ReadFiles(sourceFilesNode, "source_files") };
        }

        var entries = _values.Entries(sourceNode, "source", "in source", SourceKeys);
        var syslog = entries.TryGetValue("syslog", out var syslogNode) ? ReadSyslog(syslogNode) : null;
        List<string> files;
        if (syslog is not null && !entries.ContainsKey("files") && sourceFilesNode is null)
        {
            files = [];
        }
        else if (entries.TryGetValue("files", out var filesNode))
        {
            if (sourceFilesNode is not null)
            {
                throw _values.Error(sourceFilesNode, "source_files and source.files are both given; keep only source.files");
            }

            files = ReadFiles(filesNode, "source.files");
        }
        else
        {
            files = sourceFilesNode is null
                ? throw _values.Error(sourceNode, "missing required key \"files\" in source")
                : ReadFiles(sourceFilesNode, "source_files");
        }

        var startAt = StartPosition.End;
        if (entries.TryGetValue("start_at", out var startNode))
        {
            startAt = _values.String(startNode, "source.start_at") switch
            {
                "end" => StartPosition.End,
                "beginning" => StartPosition.Beginning,
                var other => throw _values.Error(startNode, $"source.start_at: want end or beginning, got \"{other}\""),
            };
        }

        return new SourceConfig
        {
            Files = files,
            StartAt = startAt,
            PositionFile = entries.TryGetValue("position_file", out var positionNode)
                ? _values.NonEmptyString(positionNode, "source.position_file")
                : null,
            Syslog = syslog,
        };
    }

    private SyslogConfig ReadSyslog(YamlNode node)
    {
        var entries = _values.Entries(node, "source.syslog", "in source.syslog", SyslogKeys);
        if (!entries.TryGetValue("listen_address", out var addressNode))
        {
            throw _values.Error(node, "source.syslog: missing required key \"listen_address\" (udp://host:port, tcp://host:port or unix:///path)");
        }

        var address = _values.String(addressNode, "source.syslog.listen_address");
        if (SyslogConfig.ParseAddress(address, out var problem) is not { } parsed)
        {
            throw _values.Error(addressNode, $"source.syslog.listen_address \"{address}\": {problem}");
        }

        var format = SyslogFormat.Auto;
        if (entries.TryGetValue("format", out var formatNode))
        {
            format = _values.String(formatNode, "source.syslog.format") switch
            {
                "" or "auto" or "automatic" => SyslogFormat.Auto,
                "rfc3164" => SyslogFormat.Rfc3164,
                "rfc5424" => SyslogFormat.Rfc5424,
                var other => throw _values.Error(formatNode, $"source.syslog.format: want rfc3164, rfc5424 or auto, got \"{other}\""),
            };
        }

        return new SyslogConfig
        {
            ListenAddress = address,
            Transport = parsed.Transport,
            EndPoint = parsed.EndPoint,
            SocketPath = parsed.Path,
            Format = format,
            Tags = entries.TryGetValue("tags", out var tagsNode) ? _values.StringList(tagsNode, "source.syslog.tags") : [],
        };
    }

    private List<string> ReadFiles(YamlNode node, string what)
    {
        var files = _values.StringList(node, what);
        return files.Count > 0 ? files : throw _values.Error(node, $"{what}: must name at least one log file");
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
