using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Metrics;

/// <summary>The exporter's own view of the files it follows, per namespace and file.</summary>
internal sealed class TailerCollector : IScrapeCollector
{
    private static readonly MetricFamily Lines = new("nginxlog_exporter_lines_read_total", "Lines read from the file, across rotations.", MetricType.Counter);
    private static readonly MetricFamily Bytes = new("nginxlog_exporter_bytes_read_total", "Bytes read from the file, across rotations.", MetricType.Counter);
    private static readonly MetricFamily Lag = new("nginxlog_exporter_file_lag_bytes", "Bytes written to the file and not read yet (size minus offset).", MetricType.Gauge);
    private static readonly MetricFamily Rotations = new("nginxlog_exporter_rotations_total", "Renames, truncations and re-creations of the file seen.", MetricType.Counter);
    private static readonly MetricFamily Files = new("nginxlog_exporter_files_followed", "Files followed.", MetricType.Gauge);

    private readonly IReadOnlyList<(string Namespace, LogTailer Tailer)> _tailers;
    private readonly Dictionary<(string Namespace, string Path), LabelSet> _fileLabels = [];
    private readonly Lock _gate = new();

    public TailerCollector(IReadOnlyList<(string Namespace, LogTailer Tailer)> tailers)
    {
        _tailers = tailers;
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var files = new List<(LabelSet Labels, FileStatus Status)>();
        var perNamespace = new List<(LabelSet Labels, int Count)>();
        lock (_gate)
        {
            foreach (var (name, tailer) in _tailers)
            {
                var snapshot = tailer.Snapshot();
                perNamespace.Add((Labels(name, null), snapshot.Count));
                foreach (var status in snapshot)
                {
                    files.Add((Labels(name, status.Path), status));
                }
            }
        }

        foreach (var (labels, status) in files)
        {
            writer.WriteSample(Lines, labels, status.LinesRead);
        }

        foreach (var (labels, status) in files)
        {
            writer.WriteSample(Bytes, labels, status.BytesRead);
        }

        foreach (var (labels, status) in files)
        {
            writer.WriteSample(Lag, labels, Math.Max(0, status.Size - status.Offset));
        }

        foreach (var (labels, status) in files)
        {
            writer.WriteSample(Rotations, labels, status.Rotations);
        }

        foreach (var (labels, count) in perNamespace)
        {
            writer.WriteSample(Files, labels, count);
        }

        return Task.CompletedTask;
    }

    /// <summary>The labels of a namespace (path null) or of one of its files, encoded once.</summary>
    private LabelSet Labels(string ns, string? path)
    {
        if (!_fileLabels.TryGetValue((ns, path ?? ""), out var labels))
        {
            labels = path is null
                ? LabelSet.Create([new("namespace", ns)])
                : LabelSet.Create([new("file", path), new("namespace", ns)]);
            _fileLabels[(ns, path ?? "")] = labels;
        }

        return labels;
    }
}
