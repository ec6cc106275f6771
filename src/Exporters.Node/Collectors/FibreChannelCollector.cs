using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/fc_host/&lt;host&gt;: each Fibre Channel host's attributes as node_fibrechannel_info and the
/// counters of its statistics/ directory (hexadecimal in sysfs). A counter the HBA does not implement
/// (all ones) is left out; one whose file is absent is 0. Every attribute file must be there, as in
/// node_exporter 1.5.
/// </summary>
internal sealed class FibreChannelCollector : INodeCollector
{
    private const int MaxRead = 128;

    // Errors of a statistics file that leave it out: ENOENT, EINVAL, EOPNOTSUPP.
    private static readonly int[] SkippedErrors = [2, 22, 95];

    // node_fibrechannel_info's labels in name order, with the file each comes from ("" for the host's name)
    // and whether the file's "0x" is taken off.
    private static readonly (string Label, string File, bool Hex)[] InfoLabels =
    [
        ("dev_loss_tmo", "dev_loss_tmo", false),
        ("fabric_name", "fabric_name", true),
        ("fc_host", "", false),
        ("port_id", "port_id", true),
        ("port_name", "port_name", true),
        ("port_state", "port_state", false),
        ("port_type", "port_type", false),
        ("speed", "speed", false),
        ("supported_classes", "supported_classes", false),
        ("supported_speeds", "supported_speeds", false),
        ("symbolic_name", "symbolic_name", false),
    ];

    // The attribute files in the order node_exporter reads them (node_name too, though it is not reported).
    private static readonly string[] AttributeFiles =
        ["speed", "port_state", "port_type", "node_name", "port_id", "port_name", "fabric_name", "dev_loss_tmo", "symbolic_name", "supported_classes", "supported_speeds"];

    private static readonly (string File, MetricFamily Family)[] Counters =
    [
        ("dumped_frames", Counter("dumped_frames_total", "Number of dumped frames")),
        ("error_frames", Counter("error_frames_total", "Number of errors in frames")),
        ("fcp_packet_aborts", Counter("fcp_packet_aborts_total", "Number of aborted packets")),
        ("invalid_crc_count", Counter("invalid_crc_total", "Invalid Cyclic Redundancy Check count")),
        ("invalid_tx_word_count", Counter("invalid_tx_words_total", "Number of invalid words transmitted by host port")),
        ("link_failure_count", Counter("link_failure_total", "Number of times the host port link has failed")),
        ("loss_of_signal_count", Counter("loss_of_signal_total", "Number of times signal has been lost")),
        ("loss_of_sync_count", Counter("loss_of_sync_total", "Number of failures on either bit or transmission word boundaries")),
        ("nos_count", Counter("nos_total", "Number Not_Operational Primitive Sequence received by host port")),
        ("rx_frames", Counter("rx_frames_total", "Number of frames received")),
        ("rx_words", Counter("rx_words_total", "Number of words received by host port")),
        ("seconds_since_last_reset", Counter("seconds_since_last_reset_total", "Number of seconds since last host port reset")),
        ("tx_frames", Counter("tx_frames_total", "Number of frames transmitted by host port")),
        ("tx_words", Counter("tx_words_total", "Number of words transmitted by host port")),
    ];

    private const int InfoAfter = 2;
    private static readonly MetricFamily Info = new("node_fibrechannel_info", "Non-numeric data from /sys/class/fc_host/<host>, value is always 1.", MetricType.Gauge);

    public string Name => "fibrechannel";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("class/fc_host");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var hosts = new List<FibreChannelHost>();
        foreach (var entry in Directory.GetFileSystemEntries(root))
        {
            hosts.Add(ReadHost(entry));
        }

        Write(hosts, writer);
        return true;
    }

    /// <summary>The families, each with its samples ordered by label values as node_exporter lists them.</summary>
    public static void Write(List<FibreChannelHost> hosts, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(writer);
        var fcHost = Array.FindIndex(InfoLabels, static l => l.Label == "fc_host");
        var byName = new List<FibreChannelHost>(hosts);
        byName.Sort((a, b) => string.CompareOrdinal(a.Info[fcHost], b.Info[fcHost]));
        var byInfo = new List<FibreChannelHost>(hosts);
        byInfo.Sort(static (a, b) =>
        {
            for (var i = 0; i < a.Info.Length; i++)
            {
                var c = string.CompareOrdinal(a.Info[i], b.Info[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });

        for (var c = 0; c < Counters.Length; c++)
        {
            if (c == InfoAfter + 1)
            {
                foreach (var host in byInfo)
                {
                    var labels = new KeyValuePair<string, string>[InfoLabels.Length];
                    for (var i = 0; i < labels.Length; i++)
                    {
                        labels[i] = new(InfoLabels[i].Label, host.Info[i]);
                    }

                    writer.WriteSample(Info, LabelSet.Create(labels), 1);
                }
            }

            foreach (var host in byName)
            {
                if (host.Counters[c] != ulong.MaxValue)
                {
                    writer.WriteSample(Counters[c].Family, LabelSet.Create([new("fc_host", host.Info[fcHost])]), host.Counters[c]);
                }
            }
        }
    }

    /// <summary>A statistics counter (0x-prefixed hexadecimal, or another base by its prefix).</summary>
    /// <exception cref="FormatException">Not a whole number.</exception>
    public static ulong ParseCounter(string text) =>
        SysfsNumber.TryParse(text, out var value) ? value : throw new FormatException($"\"{text}\" is not a counter");

    private static FibreChannelHost ReadHost(string directory)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in AttributeFiles)
        {
            var path = Path.Combine(directory, file);
            attributes[file] = ReadAttribute(path, out var errno) ?? throw ProcFile.Error(path, errno);
        }

        var info = new string[InfoLabels.Length];
        for (var i = 0; i < InfoLabels.Length; i++)
        {
            var (_, file, hex) = InfoLabels[i];
            var value = file.Length == 0 ? Path.GetFileName(directory) : attributes[file];
            info[i] = hex && value.Length > 2 ? value[2..] : value;
        }

        var counters = new ulong[Counters.Length];
        var statistics = Path.Combine(directory, "statistics");
        foreach (var file in new DirectoryInfo(statistics).EnumerateFiles())
        {
            if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            var text = ReadAttribute(file.FullName, out var errno);
            if (text is null)
            {
                if (Array.IndexOf(SkippedErrors, errno) >= 0)
                {
                    continue;
                }

                throw ProcFile.Error(file.FullName, errno);
            }

            var index = Array.FindIndex(Counters, c => c.File == file.Name);
            if (index >= 0)
            {
                counters[index] = ParseCounter(text);
            }
        }

        return new FibreChannelHost(info, counters);
    }

    /// <summary>An attribute as node_exporter reads it: up to 128 bytes in one read, blanks trimmed; null with the error number when unreadable.</summary>
    private static string? ReadAttribute(string path, out int errno)
    {
        Span<byte> buffer = stackalloc byte[MaxRead];
        return !ProcFile.TryRead(path, buffer, out var length, out errno)
            ? null
            : Encoding.UTF8.GetString(buffer[..length].Trim(" \t\n\r\v\f"u8));
    }

    private static MetricFamily Counter(string name, string help) => new("node_fibrechannel_" + name, help, MetricType.Counter);
}
