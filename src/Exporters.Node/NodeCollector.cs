using System.Diagnostics;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Microsoft.AspNetCore.Http;

namespace Exporters.Node;

/// <summary>
/// Runs the enabled collectors on every scrape, each timed and isolated: a collector writes into its own
/// buffer of whole samples, which goes onto the page whether it then succeeds or fails (as node_exporter
/// serves what a collector sent before its error); an exception fails that collector alone. <c>collect[]</c> and <c>exclude[]</c> in the
/// scrape's query pick collectors for that scrape. Each collector's failures are logged once per change.
/// </summary>
internal sealed class NodeCollector : IScrapeCollector
{
    private static readonly MetricFamily Duration = new("node_scrape_collector_duration_seconds", "node_exporter: Duration of a collector scrape.", MetricType.Gauge);
    private static readonly MetricFamily Success = new("node_scrape_collector_success", "node_exporter: Whether a collector succeeded.", MetricType.Gauge);

    private const string NoDataState = "no data";

    private readonly INodeCollector[] _collectors;
    private readonly LabelSet[] _labels;
    private readonly string?[] _lastError;
    private readonly NodePaths _paths;
    private readonly IHttpContextAccessor? _http;
    private readonly Serilog.ILogger _logger;
    private readonly Lock _logLock = new();

    /// <param name="collectors">The enabled collectors, in the order their families are written.</param>
    /// <param name="paths">Where the node's files are.</param>
    /// <param name="http">The scrape's request, for collect[] and exclude[]; null runs every collector.</param>
    /// <param name="logger">Where collector failures are logged.</param>
    public NodeCollector(IReadOnlyList<INodeCollector> collectors, NodePaths paths, IHttpContextAccessor? http, Serilog.ILogger logger)
    {
        _collectors = [.. collectors];
        _paths = paths;
        _http = http;
        _logger = logger;
        _lastError = new string?[_collectors.Length];
        _labels = new LabelSet[_collectors.Length];
        for (var i = 0; i < _collectors.Length; i++)
        {
            _labels[i] = LabelSet.Create([new("collector", _collectors[i].Name)]);
        }
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var selected = Select();
        if (selected is null)
        {
            return Task.CompletedTask;
        }

        Span<double> durations = stackalloc double[_collectors.Length];
        Span<bool> succeeded = stackalloc bool[_collectors.Length];
        using var scratch = new PooledBufferWriter(4096);
        for (var i = 0; i < _collectors.Length; i++)
        {
            if (!selected[i])
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            scratch.Clear();
            var own = new ExpositionWriter(scratch, writer.Format);
            var started = Stopwatch.GetTimestamp();
            string? error = null;
            var noData = false;
            try
            {
                noData = !_collectors[i].Update(_paths, own);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException or InvalidOperationException)
            {
                error = e.Message;
            }

            durations[i] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            succeeded[i] = error is null && !noData;
            // As node_exporter does, the samples a collector wrote before it failed are served too: its
            // buffer holds whole samples only, so the page stays valid.
            writer.WriteRaw(scratch.WrittenSpan);

            LogChange(i, error, noData);
        }

        for (var i = 0; i < _collectors.Length; i++)
        {
            if (selected[i])
            {
                writer.WriteSample(Duration, _labels[i], durations[i]);
            }
        }

        for (var i = 0; i < _collectors.Length; i++)
        {
            if (selected[i])
            {
                writer.WriteSample(Success, _labels[i], succeeded[i] ? 1 : 0);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Which collectors this scrape runs; null when collect[] names a collector that is unknown or disabled (400, as node_exporter answers).</summary>
    private bool[]? Select()
    {
        var selected = new bool[_collectors.Length];
        var query = _http?.HttpContext?.Request.Query;
        var collect = query is null ? default : query["collect[]"];
        var exclude = query is null ? default : query["exclude[]"];
        if (collect.Count > 0)
        {
            foreach (var name in collect)
            {
                var index = IndexOf(name);
                if (index < 0)
                {
                    _http!.HttpContext!.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return null;
                }

                selected[index] = true;
            }
        }
        else
        {
            Array.Fill(selected, true);
        }

        foreach (var name in exclude)
        {
            var index = IndexOf(name);
            if (index >= 0)
            {
                selected[index] = false;
            }
        }

        return selected;
    }

    private int IndexOf(string? name)
    {
        for (var i = 0; i < _collectors.Length; i++)
        {
            if (string.Equals(_collectors[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void LogChange(int index, string? error, bool noData)
    {
        var state = noData ? NoDataState : error;
        lock (_logLock)
        {
            var previous = _lastError[index];
            if (string.Equals(previous, state, StringComparison.Ordinal))
            {
                return;
            }

            _lastError[index] = state;
            if (noData)
            {
                _logger.Debug("Collector {Collector} returned no data", _collectors[index].Name);
            }
            else if (error is not null)
            {
                _logger.Warning("Collector {Collector} failed: {Reason}", _collectors[index].Name, error);
            }
            else if (previous is not null && !string.Equals(previous, NoDataState, StringComparison.Ordinal))
            {
                _logger.Information("Collector {Collector} succeeds again", _collectors[index].Name);
            }
        }
    }
}
