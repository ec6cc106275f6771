using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// The *.prom files of --collector.textfile.directory merged into the page, with each file's mtime. A file
/// that cannot be read or parsed is left out whole and sets node_textfile_scrape_error.
/// </summary>
internal sealed class TextfileCollector : INodeCollector
{
    private static readonly MetricFamily Mtime = new("node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.", MetricType.Gauge);
    private static readonly MetricFamily ScrapeError = new("node_textfile_scrape_error", "1 if there was an error opening or reading a file, 0 otherwise", MetricType.Gauge);
    private readonly string _directory;

    public TextfileCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.TextfileDirectory;
    }

    public string Name => "textfile";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        Write(_directory, writer);
        return true;
    }

    /// <summary>Reads the *.prom files of <paramref name="directory"/> in name order and writes their families, then the mtimes and the error flag.</summary>
    public static void Write(string directory, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var errored = false;
        var files = new List<string>();
        if (directory.Length > 0)
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*.prom"))
                {
                    files.Add(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errored = true;
            }
        }

        files.Sort(StringComparer.Ordinal);
        var merged = new Dictionary<string, (MetricFamily Family, List<TextfileSample> Samples)>(StringComparer.Ordinal);
        var mtimes = new List<(string File, double Seconds)>();
        foreach (var file in files)
        {
            List<TextfileFamily> families;
            DateTime modified;
            try
            {
                modified = File.GetLastWriteTimeUtc(file);
                families = TextfileParser.Parse(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                errored = true;
                continue;
            }

            foreach (var family in families)
            {
                if (family.Samples.Count == 0)
                {
                    continue;
                }

                var help = family.Help ?? "Metric read from " + file;
                if (!merged.TryGetValue(family.Name, out var entry))
                {
                    merged.Add(family.Name, (new MetricFamily(family.Name, help, family.Type), [.. family.Samples]));
                }
                else if (entry.Family.Type == family.Type && entry.Family.Help == help)
                {
                    entry.Samples.AddRange(family.Samples);
                }

                // A family given with another HELP or TYPE than in an earlier file is dropped, as node_exporter's registry does.
            }

            mtimes.Add((file, (modified - DateTime.UnixEpoch).TotalSeconds));
        }

        var names = new List<string>(merged.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var (family, samples) = merged[name];
            foreach (var sample in samples)
            {
                writer.WriteSample(family, sample.Suffix, sample.Labels, default, sample.Value);
            }
        }

        foreach (var (file, seconds) in mtimes)
        {
            writer.WriteSample(Mtime, LabelSet.Create([new("file", file)]), Math.Floor(seconds));
        }

        writer.WriteSample(ScrapeError, LabelSet.Empty, errored ? 1 : 0);
    }
}
