using System.Buffers.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/devices/system/cpu/cpu*/cpufreq: each CPU's current, minimum and maximum frequency, as the hardware
/// reports it (cpuinfo_*) and as the scaling governor sets it (scaling_*), in hertz.
/// </summary>
internal sealed class CpuFreqCollector : INodeCollector
{
    private const double HertzPerKilohertz = 1000;
    private const int NoSuchFile = 2;
    private const int NotPermitted = 1;
    private const int AccessDenied = 13;

    // The frequency files in the order of their families' names; a missing or unreadable one gives no sample.
    private static readonly string[] FrequencyFiles = ["cpuinfo_cur_freq", "cpuinfo_max_freq", "cpuinfo_min_freq", "scaling_cur_freq", "scaling_max_freq", "scaling_min_freq"];

    private static readonly MetricFamily[] Families =
    [
        new("node_cpu_frequency_hertz", "Current cpu thread frequency in hertz.", MetricType.Gauge),
        new("node_cpu_frequency_max_hertz", "Maximum cpu thread frequency in hertz.", MetricType.Gauge),
        new("node_cpu_frequency_min_hertz", "Minimum cpu thread frequency in hertz.", MetricType.Gauge),
        new("node_cpu_scaling_frequency_hertz", "Current scaled CPU thread frequency in hertz.", MetricType.Gauge),
        new("node_cpu_scaling_frequency_max_hertz", "Maximum scaled CPU thread frequency in hertz.", MetricType.Gauge),
        new("node_cpu_scaling_frequency_min_hertz", "Minimum scaled CPU thread frequency in hertz.", MetricType.Gauge),
    ];

    // Files node_exporter reads for each CPU though it writes nothing of them: a CPU without one fails the collector.
    private static readonly string[] RequiredFiles = ["scaling_available_governors", "scaling_driver", "scaling_governor", "related_cpus", "scaling_setspeed"];

    private static readonly LabelCache Cpus = new("cpu");

    public string Name => "cpufreq";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("devices/system/cpu");
        if (!Directory.Exists(root))
        {
            return true;
        }

        var cpus = new List<(string Name, ulong?[] Frequencies)>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "cpu*"))
        {
            var name = Path.GetFileName(entry);
            var cpufreq = Path.Combine(entry, "cpufreq");
            if (name.Length > 3 && char.IsAsciiDigit(name[3]) && Path.Exists(cpufreq))
            {
                cpus.Add((name[3..], Read(cpufreq)));
            }
        }

        Write(cpus, writer);
        return true;
    }

    /// <summary>The families, each with the CPUs that have its file, ordered by CPU name as text.</summary>
    public static void Write(List<(string Name, ulong?[] Frequencies)> cpus, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        cpus.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var f = 0; f < Families.Length; f++)
        {
            foreach (var (name, frequencies) in cpus)
            {
                if (frequencies[f] is { } kilohertz)
                {
                    writer.WriteSample(Families[f], Cpus.Get(name), kilohertz * HertzPerKilohertz);
                }
            }
        }
    }

    /// <summary>A frequency file's kilohertz: a whole number, blanks around it allowed.</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static ulong ParseKilohertz(ReadOnlySpan<byte> text)
    {
        var trimmed = text.Trim(" \t\r\n\v\f"u8);
        return Utf8Parser.TryParse(trimmed, out ulong value, out var consumed) && consumed == trimmed.Length && trimmed.Length > 0 && trimmed[0] != (byte)'+'
            ? value
            : throw new FormatException($"\"{System.Text.Encoding.UTF8.GetString(trimmed)}\" is not a frequency");
    }

    private static ulong?[] Read(string cpufreq)
    {
        var frequencies = new ulong?[FrequencyFiles.Length];
        for (var f = 0; f < FrequencyFiles.Length; f++)
        {
            frequencies[f] = ReadIfReadable(Path.Combine(cpufreq, FrequencyFiles[f]));
        }

        _ = ReadIfReadable(Path.Combine(cpufreq, "cpuinfo_transition_latency"));
        foreach (var required in RequiredFiles)
        {
            using var file = FileBuffer.Read(Path.Combine(cpufreq, required));
        }

        return frequencies;
    }

    /// <summary>A number file's value, or null when it is missing or not readable by this process.</summary>
    private static ulong? ReadIfReadable(string path)
    {
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            return errno is NoSuchFile or NotPermitted or AccessDenied ? null : throw ProcFile.Error(path, errno);
        }

        using (file)
        {
            return ParseKilohertz(file.Span);
        }
    }
}
