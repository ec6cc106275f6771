using Exporters.NginxLog.Tailing;
using Serilog;
using Serilog.Core;

namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>A tailer running in the background for one test, stopped on dispose.</summary>
internal sealed class TailerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Logger _logger;
    private readonly Task _running;

    public TailerRun(TailOptions options, ILineSink sink)
    {
        Log = new CapturingLogSink();
        _logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Log).CreateLogger();
        Tailer = new LogTailer(options, sink, _logger);
        _running = Tailer.RunAsync(_stop.Token);
    }

    public LogTailer Tailer { get; }

    public CapturingLogSink Log { get; }

    /// <summary>The status of the only (or first) followed file, or a zero status if none is followed yet.</summary>
    public FileStatus Status
    {
        get
        {
            var snapshot = Tailer.Snapshot();
            return snapshot.Count > 0 ? snapshot[0] : default;
        }
    }

    /// <summary>Cancels the tailer and waits until it has saved its positions and returned.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Wait.Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running.IsCompleted)
        {
            await StopAsync();
        }

        await Tailer.DisposeAsync();
        await _logger.DisposeAsync();
        _stop.Dispose();
    }
}
