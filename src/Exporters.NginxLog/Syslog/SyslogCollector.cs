using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.NginxLog.Syslog;

/// <summary>The exporter's own counts of the syslog messages each namespace's listener received.</summary>
internal sealed class SyslogCollector : IScrapeCollector
{
    private static readonly MetricFamily Received = new(
        "nginxlog_exporter_syslog_messages_received_total", "Syslog messages received, whatever became of them.", MetricType.Counter);

    private static readonly MetricFamily Dropped = new(
        "nginxlog_exporter_syslog_messages_dropped_total", "Syslog messages dropped: reason tag (not an accepted tag), oversize (longer than max_line_bytes) or buffer_full (dropped by the kernel before they were received, the socket's receive buffer being full).", MetricType.Counter);

    private static readonly MetricFamily Malformed = new(
        "nginxlog_exporter_syslog_messages_malformed_total", "Syslog messages not of the configured format, or not UTF-8.", MetricType.Counter);

    private readonly (SyslogReceiver Receiver, LabelSet Labels, LabelSet Tag, LabelSet Oversize, LabelSet BufferFull)[] _receivers;

    public SyslogCollector(IReadOnlyList<(string Namespace, SyslogReceiver Receiver)> receivers)
    {
        _receivers = new (SyslogReceiver, LabelSet, LabelSet, LabelSet, LabelSet)[receivers.Count];
        for (var i = 0; i < receivers.Count; i++)
        {
            var (ns, receiver) = receivers[i];
            var labels = LabelSet.Create([new("listen_address", receiver.Config.ListenAddress), new("namespace", ns)]);
            _receivers[i] = (receiver, labels, labels.With(new KeyValuePair<string, string>("reason", "tag")), labels.With(new KeyValuePair<string, string>("reason", "oversize")), labels.With(new KeyValuePair<string, string>("reason", "buffer_full")));
        }
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (receiver, labels, _, _, _) in _receivers)
        {
            writer.WriteSample(Received, labels, receiver.Received);
        }

        foreach (var (receiver, _, tag, oversize, bufferFull) in _receivers)
        {
            writer.WriteSample(Dropped, tag, receiver.WrongTag);
            writer.WriteSample(Dropped, oversize, receiver.Oversize);
            writer.WriteSample(Dropped, bufferFull, receiver.BufferFull);
        }

        foreach (var (receiver, labels, _, _, _) in _receivers)
        {
            writer.WriteSample(Malformed, labels, receiver.Malformed);
        }

        return Task.CompletedTask;
    }
}
