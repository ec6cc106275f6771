using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>Keeps the log events a tailer writes.</summary>
internal sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
