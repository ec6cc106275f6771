using Exporters.Core.Configuration;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/stat's totals: boot time, context switches, interrupts, forks, running and blocked processes, and (when asked) softirqs per vector.</summary>
internal sealed class StatCollector : IConfigurableCollector
{
    private const string SoftirqFlag = "collector.stat.softirq";
    private static readonly MetricFamily BootTime = new("node_boot_time_seconds", "Node boot time, in unixtime.", MetricType.Gauge);
    private static readonly MetricFamily Context = new("node_context_switches_total", "Total number of context switches.", MetricType.Counter);
    private static readonly MetricFamily Forks = new("node_forks_total", "Total number of forks.", MetricType.Counter);
    private static readonly MetricFamily Interrupts = new("node_intr_total", "Total number of interrupts serviced.", MetricType.Counter);
    private static readonly MetricFamily Blocked = new("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", MetricType.Gauge);
    private static readonly MetricFamily Running = new("node_procs_running", "Number of processes in runnable state.", MetricType.Gauge);
    private static readonly MetricFamily Softirqs = new("node_softirqs_total", "Number of softirq calls.", MetricType.Counter);

    // The vectors of the softirq line in the kernel's order, and that order sorted by name as node_exporter writes them.
    private static readonly string[] Vectors = ["hi", "timer", "net_tx", "net_rx", "block", "block_iopoll", "tasklet", "sched", "hrtimer", "rcu"];
    private static readonly int[] VectorsByName = [4, 5, 0, 8, 3, 2, 9, 7, 6, 1];
    private static readonly LabelSet[] VectorLabels = Array.ConvertAll(Vectors, static v => LabelSet.Create([new("vector", v)]));

    private bool _softirq;

    public string Name => "stat";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Bool(SoftirqFlag, "Export softirq calls per vector", false));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _softirq = flags.GetBool(SoftirqFlag);
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("stat"));
        Write(file.Span, writer, _softirq);
        return true;
    }

    /// <summary>Writes the families of a /proc/stat text; softirqs per vector only when <paramref name="softirq"/> is set.</summary>
    public static void Write(ReadOnlySpan<byte> stat, ExpositionWriter writer, bool softirq = false)
    {
        Span<ulong> vectors = stackalloc ulong[Vectors.Length];
        if (softirq)
        {
            ParseSoftirqs(stat, vectors);
        }

        var totals = Parse(stat);
        writer.WriteSample(BootTime, LabelSet.Empty, totals.BootTime);
        writer.WriteSample(Context, LabelSet.Empty, totals.ContextSwitches);
        writer.WriteSample(Forks, LabelSet.Empty, totals.Forks);
        writer.WriteSample(Interrupts, LabelSet.Empty, totals.Interrupts);
        writer.WriteSample(Blocked, LabelSet.Empty, totals.ProcsBlocked);
        writer.WriteSample(Running, LabelSet.Empty, totals.ProcsRunning);
        if (softirq)
        {
            foreach (var v in VectorsByName)
            {
                writer.WriteSample(Softirqs, VectorLabels[v], vectors[v]);
            }
        }
    }

    /// <summary>
    /// The counts per vector of the "softirq" line (after its total), zero when there is no such line.
    /// </summary>
    /// <exception cref="FormatException">The line has fewer counts than vectors, or a count is not a number.</exception>
    public static void ParseSoftirqs(ReadOnlySpan<byte> stat, Span<ulong> vectors)
    {
        vectors.Clear();
        var text = stat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var key) || !key.SequenceEqual("softirq"u8))
            {
                continue;
            }

            _ = Bytes.NextUInt64(ref line);
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = Bytes.NextUInt64(ref line);
            }
        }
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
