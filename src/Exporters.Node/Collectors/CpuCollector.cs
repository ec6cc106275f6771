using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// The CPUs: seconds in each mode and in guests from /proc/stat, isolated CPUs and thermal throttles from
/// /sys/devices/system/cpu, and (when asked) /proc/cpuinfo with its flags and bugs.
/// </summary>
internal sealed class CpuCollector : IConfigurableCollector
{
    private const double UserHz = 100;
    private const string GuestFlag = "collector.cpu.guest";
    private const string InfoFlag = "collector.cpu.info";
    private const string FlagsIncludeFlag = "collector.cpu.info.flags-include";
    private const string BugsIncludeFlag = "collector.cpu.info.bugs-include";

    private static readonly MetricFamily Seconds = new("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", MetricType.Counter);
    private static readonly MetricFamily Guest = new("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.", MetricType.Counter);
    private static readonly MetricFamily Info = new("node_cpu_info", "CPU information from /proc/cpuinfo.", MetricType.Gauge);
    private static readonly MetricFamily FlagInfo = new("node_cpu_flag_info", "The `flags` field of CPU information from /proc/cpuinfo taken from the first core.", MetricType.Gauge);
    private static readonly MetricFamily BugInfo = new("node_cpu_bug_info", "The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.", MetricType.Gauge);
    private static readonly MetricFamily CoreThrottles = new("node_cpu_core_throttles_total", "Number of times this CPU core has been throttled.", MetricType.Counter);
    private static readonly MetricFamily PackageThrottles = new("node_cpu_package_throttles_total", "Number of times this CPU package has been throttled.", MetricType.Counter);
    private static readonly MetricFamily Isolated = new("node_cpu_isolated", "Whether each core is isolated, information from /sys/devices/system/cpu/isolated.", MetricType.Gauge);
    private static readonly LabelCache Cpus = new("cpu");
    private static readonly LabelCache Packages = new("package");
    private static readonly LabelCache Flags = new("flag");
    private static readonly LabelCache Bugs = new("bug");

    // Columns of a cpuN line, and the mode names in the order node_exporter's page lists them.
    private static readonly string[] Modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly int[] ModeColumns = [3, 4, 5, 1, 6, 7, 2, 0];
    private static readonly int[] GuestColumns = [9, 8];
    private static readonly string[] GuestModes = ["nice", "user"];

    private static volatile LabelSet[][] _labels = [];

    private bool _guest = true;
    private bool _info;
    private Regex? _flagsInclude;
    private Regex? _bugsInclude;

    public string Name => "cpu";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Bool(GuestFlag, "Enables metric node_cpu_guest_seconds_total", true));
        flags.Add(CollectorFlags.Bool(InfoFlag, "Enables metric cpu_info", false));
        flags.Add(CollectorFlags.Pattern(FlagsIncludeFlag, "Filter the `flags` field in cpuInfo with a value that must be a regular expression", ""));
        flags.Add(CollectorFlags.Pattern(BugsIncludeFlag, "Filter the `bugs` field in cpuInfo with a value that must be a regular expression", ""));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(logger);
        _guest = flags.GetBool(GuestFlag);
        _info = flags.GetBool(InfoFlag);
        var flagsInclude = flags.GetString(FlagsIncludeFlag);
        var bugsInclude = flags.GetString(BugsIncludeFlag);
        if ((flagsInclude.Length > 0 || bugsInclude.Length > 0) && !_info)
        {
            _info = true;
            logger.Information("--collector.cpu.info has been set to `true` because you set the following flags, like --collector.cpu.info.flags-include and --collector.cpu.info.bugs-include");
        }

        _flagsInclude = flagsInclude.Length > 0 ? new Regex(flagsInclude, RegexOptions.CultureInvariant) : null;
        _bugsInclude = bugsInclude.Length > 0 ? new Regex(bugsInclude, RegexOptions.CultureInvariant) : null;
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        List<CpuInfo>? info = null;
        if (_info)
        {
            using var cpuinfo = FileBuffer.Read(paths.Proc("cpuinfo"));
            info = CpuInfo.Parse(cpuinfo.Span);
        }

        using (var stat = FileBuffer.Read(paths.Proc("stat")))
        {
            if (info is not null)
            {
                WriteInfo(info, _flagsInclude, _bugsInclude, writer);
            }

            Write(stat.Span, writer, _guest);
        }

        var cpuRoot = paths.Sys("devices/system/cpu");
        if (FileBuffer.TryRead(Path.Combine(cpuRoot, "isolated"), out var isolated, out var errno))
        {
            using (isolated)
            {
                var cpus = CpuRange.Parse(isolated.Span).ConvertAll(static cpu => cpu.ToString(CultureInfo.InvariantCulture));
                cpus.Sort(StringComparer.Ordinal);
                foreach (var cpu in cpus)
                {
                    writer.WriteSample(Isolated, Cpus.Get(cpu), 1);
                }
            }
        }
        else if (!ProcFile.IsNoFile(errno))
        {
            throw ProcFile.Error(Path.Combine(cpuRoot, "isolated"), errno);
        }

        var (packages, cores) = CpuThrottles.Read(cpuRoot);
        foreach (var ((core, package), count) in cores)
        {
            writer.WriteSample(CoreThrottles, LabelSet.Create([new("core", core), new("package", package)]), count);
        }

        foreach (var (package, count) in packages)
        {
            writer.WriteSample(PackageThrottles, Packages.Get(package), count);
        }

        return true;
    }

    /// <summary>node_cpu_info for each processor, and the first processor's flags and bugs that match the patterns given.</summary>
    public static void WriteInfo(List<CpuInfo> info, Regex? flagsInclude, Regex? bugsInclude, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Count > 0)
        {
            WriteMatching(info[0].Bugs, bugsInclude, BugInfo, Bugs, writer);
            WriteMatching(info[0].Flags, flagsInclude, FlagInfo, Flags, writer);
        }

        var sorted = new List<(string[] Key, CpuInfo Cpu)>(info.Count);
        foreach (var cpu in info)
        {
            sorted.Add((cpu.SortKey, cpu));
        }

        sorted.Sort(static (a, b) => CompareKeys(a.Key, b.Key));
        foreach (var (_, cpu) in sorted)
        {
            writer.WriteSample(Info, LabelSet.Create(
            [
                new("cachesize", cpu.CacheSize), new("core", cpu.Core), new("cpu", cpu.Cpu), new("family", cpu.Family),
                new("microcode", cpu.Microcode), new("model", cpu.Model), new("model_name", cpu.ModelName),
                new("package", cpu.Package), new("stepping", cpu.Stepping), new("vendor", cpu.Vendor),
            ]), 1);
        }
    }

    /// <summary>Writes the families of a /proc/stat text; the guest seconds only when <paramref name="guest"/> is set.</summary>
    public static void Write(ReadOnlySpan<byte> stat, ExpositionWriter writer, bool guest = true)
    {
        var rows = ArrayPool<(int Cpu, int Start, int Length)>.Shared.Rent(64);
        try
        {
            var count = CpuLines(stat, ref rows);
            Array.Sort(rows, 0, count, RowOrder.Instance);
            WritePass(stat, rows.AsSpan(0, count), writer, Seconds, ModeColumns, 0);
            if (guest)
            {
                WritePass(stat, rows.AsSpan(0, count), writer, Guest, GuestColumns, Modes.Length);
            }
        }
        finally
        {
            ArrayPool<(int Cpu, int Start, int Length)>.Shared.Return(rows);
        }
    }

    private static void WriteMatching(string[] values, Regex? include, MetricFamily family, LabelCache labels, ExpositionWriter writer)
    {
        if (include is null)
        {
            return;
        }

        var matching = new List<string>();
        foreach (var value in values)
        {
            if (include.IsMatch(value))
            {
                matching.Add(value);
            }
        }

        matching.Sort(StringComparer.Ordinal);
        foreach (var value in matching)
        {
            writer.WriteSample(family, labels.Get(value), 1);
        }
    }

    private static int CompareKeys(string[] a, string[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var order = string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>The cpuN lines of /proc/stat (not the "cpu" total): each CPU's number and where its line is.</summary>
    private static int CpuLines(ReadOnlySpan<byte> stat, ref (int Cpu, int Start, int Length)[] rows)
    {
        var count = 0;
        var offset = 0;
        var text = stat;
        while (Bytes.NextLine(ref text, out var line))
        {
            var start = offset;
            offset += line.Length + 1;
            if (!line.StartsWith("cpu"u8) || line.Length < 4 || line[3] == (byte)' ')
            {
                continue;
            }

            if (count == rows.Length)
            {
                var grown = ArrayPool<(int Cpu, int Start, int Length)>.Shared.Rent(rows.Length * 2);
                rows.AsSpan(0, count).CopyTo(grown);
                ArrayPool<(int Cpu, int Start, int Length)>.Shared.Return(rows);
                rows = grown;
            }

            var rest = line;
            Bytes.NextField(ref rest, out var name);
            rows[count++] = ((int)Bytes.ParseUInt64(name[3..]), start, line.Length);
        }

        return count;
    }

    private static void WritePass(ReadOnlySpan<byte> stat, ReadOnlySpan<(int Cpu, int Start, int Length)> rows, ExpositionWriter writer, MetricFamily family, int[] columns, int labelOffset)
    {
        Span<ulong> values = stackalloc ulong[10];
        foreach (var (cpu, start, length) in rows)
        {
            var line = stat.Slice(start, length);
            Bytes.NextField(ref line, out _);
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
            var number = i.ToString(CultureInfo.InvariantCulture);
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

    /// <summary>CPUs in the order of their numbers as text ("10" before "2"), as node_exporter sorts its samples.</summary>
    private sealed class RowOrder : IComparer<(int Cpu, int Start, int Length)>
    {
        public static readonly RowOrder Instance = new();

        public int Compare((int Cpu, int Start, int Length) x, (int Cpu, int Start, int Length) y)
        {
            Span<char> a = stackalloc char[11];
            Span<char> b = stackalloc char[11];
            x.Cpu.TryFormat(a, out var lengthA, default, CultureInfo.InvariantCulture);
            y.Cpu.TryFormat(b, out var lengthB, default, CultureInfo.InvariantCulture);
            return a[..lengthA].SequenceCompareTo(b[..lengthB]);
        }
    }
}
