using Serilog.Core;
using Serilog.Events;

namespace Exporters.Merger.Tests;

/// <summary>A Serilog sink that keeps every event, for tests to count what was logged.</summary>
internal sealed class ListSink : ILogEventSink
{
    private readonly Lock _lock = new();
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _events.Add(logEvent);
        }
    }

    /// <summary>Events of one level whose message template contains <paramref name="text"/>.</summary>
    public List<LogEvent> Find(LogEventLevel level, string text = "") =>
        [.. Events.Where(e => e.Level == level && e.MessageTemplate.Text.Contains(text, StringComparison.Ordinal))];
}
