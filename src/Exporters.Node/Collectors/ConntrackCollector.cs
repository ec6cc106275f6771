using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/sys/net/netfilter/nf_conntrack_{count,max} and /proc/net/stat/nf_conntrack: the connection tracking
/// table's size and limit, and its per-CPU statistics summed. Without the nf_conntrack module (as in most
/// containers) the files are missing and the collector fails, as node_exporter's does.
/// </summary>
internal sealed class ConntrackCollector : INodeCollector
{
    private const int StatColumns = 17;

    private static readonly MetricFamily Entries = new("node_nf_conntrack_entries", "Number of currently allocated flow entries for connection tracking.", MetricType.Gauge);
    private static readonly MetricFamily Limit = new("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.", MetricType.Gauge);
    private static readonly MetricFamily Drop = new("node_nf_conntrack_stat_drop", "Number of packets dropped due to conntrack failure.", MetricType.Gauge);
    private static readonly MetricFamily EarlyDrop = new("node_nf_conntrack_stat_early_drop", "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached.", MetricType.Gauge);
    private static readonly MetricFamily Found = new("node_nf_conntrack_stat_found", "Number of searched entries which were successful.", MetricType.Gauge);
    private static readonly MetricFamily Ignore = new("node_nf_conntrack_stat_ignore", "Number of packets seen which are already connected to a conntrack entry.", MetricType.Gauge);
    private static readonly MetricFamily Insert = new("node_nf_conntrack_stat_insert", "Number of entries inserted into the list.", MetricType.Gauge);
    private static readonly MetricFamily InsertFailed = new("node_nf_conntrack_stat_insert_failed", "Number of entries for which list insertion was attempted but failed.", MetricType.Gauge);
    private static readonly MetricFamily Invalid = new("node_nf_conntrack_stat_invalid", "Number of packets seen which can not be tracked.", MetricType.Gauge);
    private static readonly MetricFamily SearchRestart = new("node_nf_conntrack_stat_search_restart", "Number of conntrack table lookups which had to be restarted due to hashtable resizes.", MetricType.Gauge);

    public string Name => "conntrack";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ulong entries;
        ulong limit;
        using (var file = FileBuffer.Read(paths.Proc("sys/net/netfilter/nf_conntrack_count")))
        {
            entries = EntropyCollector.ParseNumber(file.Span);
        }

        using (var file = FileBuffer.Read(paths.Proc("sys/net/netfilter/nf_conntrack_max")))
        {
            limit = EntropyCollector.ParseNumber(file.Span);
        }

        using var stat = FileBuffer.Read(paths.Proc("net/stat/nf_conntrack"));
        Write(entries, limit, stat.Span, writer);
        return true;
    }

    /// <summary>
    /// The table's size and limit, and the statistics of /proc/net/stat/nf_conntrack: a header, then one line
    /// of 17 hexadecimal columns per CPU, summed.
    /// </summary>
    public static void Write(ulong entries, ulong limit, ReadOnlySpan<byte> stat, ExpositionWriter writer)
    {
        ulong found = 0, invalid = 0, ignore = 0, insert = 0, insertFailed = 0, drop = 0, earlyDrop = 0, searchRestart = 0;
        var text = stat;
        var first = true;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (first)
            {
                first = false;
                continue;
            }

            var rest = line;
            var column = 0;
            while (Bytes.NextField(ref rest, out var field))
            {
                var value = Bytes.ParseHex(field);
                switch (column)
                {
                    case 2: found += value; break;
                    case 4: invalid += value; break;
                    case 5: ignore += value; break;
                    case 8: insert += value; break;
                    case 9: insertFailed += value; break;
                    case 10: drop += value; break;
                    case 11: earlyDrop += value; break;
                    case 16: searchRestart += value; break;
                    default: break;
                }

                column++;
            }

            if (column != 0 && column != StatColumns)
            {
                throw new FormatException($"nf_conntrack statistics have {column} columns, not {StatColumns}");
            }
        }

        writer.WriteSample(Entries, LabelSet.Empty, entries);
        writer.WriteSample(Limit, LabelSet.Empty, limit);
        writer.WriteSample(Drop, LabelSet.Empty, drop);
        writer.WriteSample(EarlyDrop, LabelSet.Empty, earlyDrop);
        writer.WriteSample(Found, LabelSet.Empty, found);
        writer.WriteSample(Ignore, LabelSet.Empty, ignore);
        writer.WriteSample(Insert, LabelSet.Empty, insert);
        writer.WriteSample(InsertFailed, LabelSet.Empty, insertFailed);
        writer.WriteSample(Invalid, LabelSet.Empty, invalid);
        writer.WriteSample(SearchRestart, LabelSet.Empty, searchRestart);
    }
}
