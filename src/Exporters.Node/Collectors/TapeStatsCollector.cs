using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>/sys/class/scsi_tape/st&lt;n&gt;/stats: each SCSI tape drive's I/O counters (its n, a and l variants are the same drive).</summary>
internal sealed class TapeStatsCollector : IConfigurableCollector
{
    private const string IgnoredFlag = "collector.tapestats.ignored-devices";
    private const string DefaultIgnored = "^$";
    private const double Nanosecond = 0.000000001;

    // (file, family, scale), by family name.
    private static readonly (string File, MetricFamily Family, double Scale)[] Counters =
    [
        ("in_flight", new("node_tape_io_now", "The number of I/Os currently outstanding to this device.", MetricType.Gauge), 1),
        ("other_cnt", new("node_tape_io_others_total", "The number of I/Os issued to the tape drive other than read or write commands. The time taken to complete these commands uses the following calculation io_time_seconds_total-read_time_seconds_total-write_time_seconds_total", MetricType.Counter), 1),
        ("io_ns", new("node_tape_io_time_seconds_total", "The amount of time spent waiting for all I/O to complete (including read and write). This includes tape movement commands such as seeking between file or set marks and implicit tape movement such as when rewind on close tape devices are used.", MetricType.Counter), Nanosecond),
        ("read_byte_cnt", new("node_tape_read_bytes_total", "The number of bytes read from the tape drive.", MetricType.Counter), 1),
        ("read_ns", new("node_tape_read_time_seconds_total", "The amount of time spent waiting for read requests to complete.", MetricType.Counter), Nanosecond),
        ("read_cnt", new("node_tape_reads_completed_total", "The number of read requests issued to the tape drive.", MetricType.Counter), 1),
        ("resid_cnt", new("node_tape_residual_total", "The number of times during a read or write we found the residual amount to be non-zero. This should mean that a program is issuing a read larger thean the block size on tape. For write not all data made it to tape.", MetricType.Counter), 1),
        ("write_ns", new("node_tape_write_time_seconds_total", "The amount of time spent waiting for write requests to complete.", MetricType.Counter), Nanosecond),
        ("write_cnt", new("node_tape_writes_completed_total", "The number of write requests issued to the tape drive.", MetricType.Counter), 1),
        ("write_byte_cnt", new("node_tape_written_bytes_total", "The number of bytes written to the tape drive.", MetricType.Counter), 1),
    ];

    private readonly LabelCache _labels = new("device");
    private DeviceFilter _ignored = new(DefaultIgnored, "");

    public string Name => "tapestats";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Pattern(IgnoredFlag, "Regexp of devices to ignore for tapestats.", DefaultIgnored));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _ignored = new DeviceFilter(flags.GetString(IgnoredFlag), "");
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);
        var root = paths.Sys("class/scsi_tape");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var tapes = new List<(string Name, ulong[] Values)>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "st*"))
        {
            var name = Path.GetFileName(entry);
            if (!IsTape(name))
            {
                continue;
            }

            var stats = Path.Join(entry, "stats");
            if (!Directory.Exists(stats))
            {
                return false;
            }

            var values = Read(stats);
            if (!_ignored.Ignored(name))
            {
                tapes.Add((name, values));
            }
        }

        tapes.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var c = 0; c < Counters.Length; c++)
        {
            foreach (var (name, values) in tapes)
            {
                writer.WriteSample(Counters[c].Family, _labels.Get(name), values[c] * Counters[c].Scale);
            }
        }

        return true;
    }

    /// <summary>st and digits only: the other names (nst0, st0a, st0l) are the same drive.</summary>
    public static bool IsTape(ReadOnlySpan<char> name)
    {
        if (name.Length < 3 || !name.StartsWith("st", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name[2..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The counters of one drive's stats directory; a counter without its file is 0.</summary>
    /// <exception cref="IOException">An entry cannot be read.</exception>
    /// <exception cref="FormatException">A counter is not a whole number.</exception>
    private static ulong[] Read(string stats)
    {
        var values = new ulong[Counters.Length];
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        foreach (var path in Directory.EnumerateFileSystemEntries(stats))
        {
            if (!SysAttribute.TryRead(path, buffer, out var value, out var errno))
            {
                throw ProcFile.Error(path, errno);
            }

            var file = Path.GetFileName(path.AsSpan());
            for (var c = 0; c < Counters.Length; c++)
            {
                if (file.SequenceEqual(Counters[c].File))
                {
                    values[c] = SysAttribute.TryParseUnsigned(value, out var number)
                        ? number
                        : throw new FormatException($"{path}: \"{SysAttribute.Text(value)}\" is not a whole number");
                }
            }
        }

        return values;
    }
}
