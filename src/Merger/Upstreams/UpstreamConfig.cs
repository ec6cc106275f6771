using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>Builds the list of upstreams from URLs (flags, MERGER_URLS) and the YAML configuration file.</summary>
internal static class UpstreamConfig
{
    /// <summary>Marks a URL whose host is resolved on each scrape, each address scraped as a replica.</summary>
    public const string DiscoveryPrefix = "dns+";

    /// <exception cref="UsageException">No URL, a malformed URL, a bad file or a bad setting in it.</exception>
    public static List<Upstream> Load(IReadOnlyList<string> urls, string configPath, TimeSpan defaultTimeout)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var upstreams = new List<Upstream>();
        foreach (var url in urls)
        {
            var (uri, discover) = ParseUrl(url, "--url");
            upstreams.Add(new Upstream(uri, url, UpstreamLabels.Empty, defaultTimeout, discover));
        }

        if (configPath.Length > 0)
        {
            foreach (var exporter in ReadFile(configPath))
            {
                upstreams.Add(FromFile(exporter, configPath, defaultTimeout));
            }
        }

        if (upstreams.Count == 0)
        {
            throw new UsageException("no upstream exporter: give --url, MERGER_URLS or exporters in --config-path");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var upstream in upstreams)
        {
            if (!names.Add(upstream.Name))
            {
                throw new UsageException($"upstream \"{upstream.Name}\" is given twice");
            }
        }

        return upstreams;
    }

    /// <summary>Checks one URL; returns an error message, or null.</summary>
    public static string? Check(string url)
    {
        try
        {
            ParseUrl(url, "url");
            return null;
        }
        catch (UsageException e)
        {
            return e.Message;
        }
    }

    /// <summary>An http(s) URL, or a dns+http(s) one whose host is resolved to replicas on each scrape.</summary>
    private static (Uri Url, bool Discover) ParseUrl(string text, string where)
    {
        var discover = text.StartsWith(DiscoveryPrefix, StringComparison.OrdinalIgnoreCase);
        var rest = discover ? text[DiscoveryPrefix.Length..] : text;
        if (!Uri.TryCreate(rest, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{where}: \"{text}\" is not an http://, https://, dns+http:// or dns+https:// URL");
        }

        return (uri, discover);
    }

    private static List<ConfigFileExporter> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config-path: cannot read \"{path}\": {e.Message}", e);
        }

        return ConfigFileReader.Read(text, path);
    }

    private static Upstream FromFile(ConfigFileExporter exporter, string path, TimeSpan defaultTimeout)
    {
        if (string.IsNullOrEmpty(exporter.Url))
        {
            throw ConfigFileReader.Error(path, exporter.Line, "an exporter has no url");
        }

        var (url, discover) = ParseUrl(exporter.Url, path);
        var timeout = defaultTimeout;
        if (exporter.Timeout is not null && (!GoDuration.TryParse(exporter.Timeout, out timeout) || timeout <= TimeSpan.Zero))
        {
            throw ConfigFileReader.Error(path, exporter.Line, $"timeout \"{exporter.Timeout}\" of {exporter.Url} is not a duration such as 5s");
        }

        var labels = UpstreamLabels.Empty;
        if (exporter.Labels is { Count: > 0 })
        {
            foreach (var name in exporter.Labels.Keys)
            {
                if (!MetricNames.IsValidLabelName(name))
                {
                    throw ConfigFileReader.Error(path, exporter.Line, $"\"{name}\" of {exporter.Url} is not a valid label name");
                }
            }

            labels = UpstreamLabels.Create(exporter.Labels);
        }

        return new Upstream(url, string.IsNullOrEmpty(exporter.Name) ? exporter.Url : exporter.Name, labels, timeout, discover);
    }
}
