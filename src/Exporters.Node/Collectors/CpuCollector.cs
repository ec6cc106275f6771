using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/stat's per-CPU lines: seconds in each mode, and in guests.</summary>
internal sealed class CpuCollector : INodeCollector
{
    private const double UserHz = 100;
    private static readonly MetricFamily Seconds = new("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", MetricType.Counter);
    private static readonly MetricFamily Guest = new("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.", MetricType.Counter);

    // Columns of a cpuN line, and the mode names in the order node_exporter's page lists them.
    private static readonly string[] Modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly int[] ModeColumns = [3, 4, 5, 1, 6, 7, 2, 0];
    private static readonly int[] GuestColumns = [9, 8];
    private static readonly string[] GuestModes = ["nice", "user"];

    private static volatile LabelSet[][] _labels = [];

    private readonly bool _guest;

    /// <param name="options">--collector.cpu.guest.</param>
    public CpuCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guest = options.CpuGuest;
    }

    public string Name => "cpu";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("stat"));
        Write(file.Span, writer, _guest);
        return true;
    }

    /// <summary>Writes the families of a /proc/stat text; the guest seconds only when <paramref name="guest"/> is set.</summary>
    public static void Write(ReadOnlySpan<byte> stat, ExpositionWriter writer, bool guest = true)
    {
        WritePass(stat, writer, Seconds, ModeColumns, 0);
        if (guest)
        {
            WritePass(stat, writer, Guest, GuestColumns, Modes.Length);
        }
    }

    private static void WritePass(ReadOnlySpan<byte> stat, ExpositionWriter writer, MetricFamily family, int[] columns, int labelOffset)
    {
        Span<ulong> values = stackalloc ulong[10];
        var text = stat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!line.StartsWith("cpu"u8) || line.Length < 4 || line[3] == (byte)' ')
            {
                continue;
            }

            Bytes.NextField(ref line, out var name);
            var cpu = (int)Bytes.ParseUInt64(name[3..]);
            values.Clear();
            for (var i = 0; i < values.Length && Bytes.NextField(ref line, out var field); i++)
            {
                values[i] = Bytes.ParseUInt64(field);
            }

            var labels = LabelsFor(cpu);
            for (var m = 0; m < columns.Length; m++)
            {
                writer.WriteSample(family, labels[labelOffset + m], values[columns[m]] / UserHz);
            }
        }
    }

    private static LabelSet[] LabelsFor(int cpu)
    {
        var all = _labels;
        if (cpu < all.Length)
        {
            return all[cpu];
        }

        var grown = new LabelSet[Math.Max(cpu + 1, all.Length * 2)][];
        all.CopyTo(grown, 0);
        for (var i = all.Length; i < grown.Length; i++)
        {
            var number = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sets = new LabelSet[Modes.Length + GuestModes.Length];
            for (var m = 0; m < Modes.Length; m++)
            {
                sets[m] = LabelSet.Create([new("cpu", number), new("mode", Modes[m])]);
            }

            for (var m = 0; m < GuestModes.Length; m++)
            {
                sets[Modes.Length + m] = LabelSet.Create([new("cpu", number), new("mode", GuestModes[m])]);
            }

            grown[i] = sets;
        }

        _labels = grown;
        return grown[cpu];
    }
}
