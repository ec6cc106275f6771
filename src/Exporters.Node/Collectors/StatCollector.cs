using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/stat's totals: boot time, context switches, interrupts, forks, running and blocked processes.</summary>
internal sealed class StatCollector : INodeCollector
{
    private static readonly MetricFamily BootTime = new("node_boot_time_seconds", "Node boot time, in unixtime.", MetricType.Gauge);
    private static readonly MetricFamily Context = new("node_context_switches_total", "Total number of context switches.", MetricType.Counter);
    private static readonly MetricFamily Forks = new("node_forks_total", "Total number of forks.", MetricType.Counter);
    private static readonly MetricFamily Interrupts = new("node_intr_total", "Total number of interrupts serviced.", MetricType.Counter);
    private static readonly MetricFamily Blocked = new("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", MetricType.Gauge);
    private static readonly MetricFamily Running = new("node_procs_running", "Number of processes in runnable state.", MetricType.Gauge);

    public string Name => "stat";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("stat"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>Writes the families of a /proc/stat text.</summary>
    public static void Write(ReadOnlySpan<byte> stat, ExpositionWriter writer)
    {
        var totals = Parse(stat);
        writer.WriteSample(BootTime, LabelSet.Empty, totals.BootTime);
        writer.WriteSample(Context, LabelSet.Empty, totals.ContextSwitches);
        writer.WriteSample(Forks, LabelSet.Empty, totals.Forks);
        writer.WriteSample(Interrupts, LabelSet.Empty, totals.Interrupts);
        writer.WriteSample(Blocked, LabelSet.Empty, totals.ProcsBlocked);
        writer.WriteSample(Running, LabelSet.Empty, totals.ProcsRunning);
    }

    public static StatTotals Parse(ReadOnlySpan<byte> stat)
    {
        var totals = default(StatTotals);
        var text = stat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var key))
            {
                continue;
            }

            if (key.SequenceEqual("btime"u8))
            {
                totals.BootTime = Bytes.NextUInt64(ref line);
            }
            else if (key.SequenceEqual("ctxt"u8))
            {
                totals.ContextSwitches = Bytes.NextUInt64(ref line);
            }
            else if (key.SequenceEqual("intr"u8))
            {
                totals.Interrupts = Bytes.NextUInt64(ref line);
            }
            else if (key.SequenceEqual("processes"u8))
            {
                totals.Forks = Bytes.NextUInt64(ref line);
            }
            else if (key.SequenceEqual("procs_running"u8))
            {
                totals.ProcsRunning = Bytes.NextUInt64(ref line);
            }
            else if (key.SequenceEqual("procs_blocked"u8))
            {
                totals.ProcsBlocked = Bytes.NextUInt64(ref line);
            }
        }

        return totals;
    }
}
