using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/zoneinfo: per node and zone, free pages, watermarks, page counts and NUMA allocations.</summary>
internal sealed class ZoneInfoCollector : INodeCollector
{
    /// <summary>The keys of /proc/zoneinfo that node_exporter reads, with their families.</summary>
    private static readonly (byte[] Key, MetricFamily Family)[] Fields =
    [
        Gauge("nr_free_pages", "nr_free_pages", "Total number of free pages in the zone"),
        Gauge("min", "min_pages", "Zone watermark pages_min"),
        Gauge("low", "low_pages", "Zone watermark pages_low"),
        Gauge("high", "high_pages", "Zone watermark pages_high"),
        Gauge("scanned", "scanned_pages", "Pages scanned since last reclaim"),
        Gauge("spanned", "spanned_pages", "Total pages spanned by the zone, including holes"),
        Gauge("present", "present_pages", "Physical pages existing within the zone"),
        Gauge("managed", "managed_pages", "Present pages managed by the buddy system"),
        Gauge("nr_active_anon", "nr_active_anon_pages", "Number of anonymous pages recently more used"),
        Gauge("nr_inactive_anon", "nr_inactive_anon_pages", "Number of anonymous pages recently less used"),
        Gauge("nr_isolated_anon", "nr_isolated_anon_pages", "Temporary isolated pages from anon lru"),
        Gauge("nr_anon_pages", "nr_anon_pages", "Number of anonymous pages currently used by the system"),
        Gauge("nr_anon_transparent_hugepages", "nr_anon_transparent_hugepages", "Number of anonymous transparent huge pages currently used by the system"),
        Gauge("nr_active_file", "nr_active_file_pages", "Number of active pages with file-backing"),
        Gauge("nr_inactive_file", "nr_inactive_file_pages", "Number of inactive pages with file-backing"),
        Gauge("nr_isolated_file", "nr_isolated_file_pages", "Temporary isolated pages from file lru"),
        Gauge("nr_file_pages", "nr_file_pages", "Number of file pages"),
        Gauge("nr_slab_reclaimable", "nr_slab_reclaimable_pages", "Number of reclaimable slab pages"),
        Gauge("nr_slab_unreclaimable", "nr_slab_unreclaimable_pages", "Number of unreclaimable slab pages"),
        Gauge("nr_mlock_stack", "nr_mlock_stack_pages", "mlock()ed pages found and moved off LRU"),
        Gauge("nr_kernel_stack", "nr_kernel_stacks", "Number of kernel stacks"),
        Gauge("nr_mapped", "nr_mapped_pages", "Number of mapped pages"),
        Gauge("nr_dirty", "nr_dirty_pages", "Number of dirty pages"),
        Gauge("nr_writeback", "nr_writeback_pages", "Number of writeback pages"),
        Gauge("nr_unevictable", "nr_unevictable_pages", "Number of unevictable pages"),
        Gauge("nr_shmem", "nr_shmem_pages", "Number of shmem pages (included tmpfs/GEM pages)"),
        Counter("nr_dirtied", "nr_dirtied_total", "Page dirtyings since bootup"),
        Counter("nr_written", "nr_written_total", "Page writings since bootup"),
        Counter("numa_hit", "numa_hit_total", "Allocated in intended node"),
        Counter("numa_miss", "numa_miss_total", "Allocated in non intended node"),
        Counter("numa_foreign", "numa_foreign_total", "Was intended here, hit elsewhere"),
        Counter("numa_interleave", "numa_interleave_total", "Interleaver preferred this zone"),
        Counter("numa_local", "numa_local_total", "Allocation from local node"),
        Counter("numa_other", "numa_other_total", "Allocation from other node"),
    ];

    private static readonly FamilyCache Protections = new(static name => new MetricFamily(
        "node_zoneinfo_" + name,
        string.Create(CultureInfo.InvariantCulture, $"Protection array {name["protection_".Length..]}. field"),
        MetricType.Gauge));

    public string Name => "zoneinfo";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("zoneinfo"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>Each family with its zones ordered by node, then zone, as node_exporter lists them.</summary>
    public static void Write(ReadOnlySpan<byte> zoneinfo, ExpositionWriter writer)
    {
        var zones = Parse(zoneinfo);
        zones.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Node, b.Node);
            return order != 0 ? order : string.CompareOrdinal(a.Zone, b.Zone);
        });
        var labels = new LabelSet[zones.Count];
        for (var i = 0; i < zones.Count; i++)
        {
            labels[i] = LabelSet.Create([new("node", zones[i].Node), new("zone", zones[i].Zone)]);
        }

        for (var field = 0; field < Fields.Length; field++)
        {
            for (var i = 0; i < zones.Count; i++)
            {
                if (zones[i].Values[field] is { } value)
                {
                    writer.WriteSample(Fields[field].Family, labels[i], value);
                }
            }
        }

        Span<char> name = stackalloc char[32];
        for (var index = 0; ; index++)
        {
            var any = false;
            for (var i = 0; i < zones.Count; i++)
            {
                if (zones[i].Protection is { } protection && index < protection.Length)
                {
                    "protection_".CopyTo(name);
                    index.TryFormat(name["protection_".Length..], out var written, default, CultureInfo.InvariantCulture);
                    writer.WriteSample(Protections.Get(name[..("protection_".Length + written)]), labels[i], protection[index]);
                    any = true;
                }
            }

            if (!any)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The blocks of the file, cut where a line starts with "Node", as procfs cuts them. A value that is not a
    /// number counts as 0, as node_exporter 1.5 counts it; a protection array with one is ignored.
    /// </summary>
    public static List<ZoneInfo> Parse(ReadOnlySpan<byte> zoneinfo)
    {
        var zones = new List<ZoneInfo>();
        var rest = zoneinfo;
        while (true)
        {
            var end = rest.IndexOf("\nNode"u8);
            var block = end < 0 ? rest : rest[..end];
            zones.Add(ParseBlock(block));
            if (end < 0)
            {
                return zones;
            }

            rest = rest[(end + "\nNode".Length)..];
        }
    }

    private static ZoneInfo ParseBlock(ReadOnlySpan<byte> block)
    {
        var zone = new ZoneInfo(Fields.Length);
        var text = block;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (TryNodeZone(line, out var node, out var name))
            {
                zone.Node = node;
                zone.Zone = name;
                continue;
            }

            var rest = line;
            if (!Bytes.NextField(ref rest, out var key) || !Bytes.NextField(ref rest, out var value))
            {
                continue;
            }

            if (key.SequenceEqual("protection:"u8))
            {
                zone.Protection = ParseProtection(line) ?? zone.Protection;
                continue;
            }

            for (var i = 0; i < Fields.Length; i++)
            {
                if (key.SequenceEqual(Fields[i].Key))
                {
                    zone.Values[i] = TryInteger(value, out var number) ? number : 0;
                    break;
                }
            }
        }

        return zone;
    }

    /// <summary>The first <c>&lt;digits&gt;, zone&lt;blanks&gt;&lt;word&gt;</c> in the line.</summary>
    private static bool TryNodeZone(ReadOnlySpan<byte> line, out string node, out string zone)
    {
        var offset = 0;
        while (true)
        {
            var at = line[offset..].IndexOf(", zone"u8);
            if (at < 0)
            {
                node = zone = "";
                return false;
            }

            at += offset;
            var start = at;
            while (start > 0 && char.IsAsciiDigit((char)line[start - 1]))
            {
                start--;
            }

            var after = at + ", zone".Length;
            var wordStart = after;
            while (wordStart < line.Length && line[wordStart] is (byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\r' or (byte)'\n')
            {
                wordStart++;
            }

            var wordEnd = wordStart;
            while (wordEnd < line.Length && (char.IsAsciiLetterOrDigit((char)line[wordEnd]) || line[wordEnd] == (byte)'_'))
            {
                wordEnd++;
            }

            if (start < at && wordStart > after && wordEnd > wordStart)
            {
                node = Encoding.ASCII.GetString(line[start..at]);
                zone = Encoding.ASCII.GetString(line[wordStart..wordEnd]);
                return true;
            }

            offset = at + 1;
        }
    }

    /// <summary>The numbers of <c>protection: (a, b, …)</c>, or null when one is not a number (the line is then ignored).</summary>
    private static long[]? ParseProtection(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        var part = line[(colon + 1)..];
        var secondColon = part.IndexOf((byte)':');
        if (secondColon >= 0)
        {
            part = part[..secondColon];
        }

        var text = Encoding.UTF8.GetString(part);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            text = text.Remove(open, 1);
        }

        var close = text.IndexOf(')', StringComparison.Ordinal);
        if (close >= 0)
        {
            text = text.Remove(close, 1);
        }

        var items = text.Trim(GoSpace).Split(", ");
        var values = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryDecimal(items[i], out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    private static readonly char[] GoSpace = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0'];

    /// <summary>A decimal whole number with an optional sign, as Go's <c>strconv.ParseInt(s, 10, 64)</c> takes it.</summary>
    private static bool TryDecimal(string text, out long value)
    {
        value = 0;
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryInteger(ReadOnlySpan<byte> field, out long value)
    {
        Span<char> chars = stackalloc char[Math.Min(field.Length, 64)];
        if (field.Length > 64)
        {
            value = 0;
            return false;
        }

        for (var i = 0; i < field.Length; i++)
        {
            chars[i] = (char)field[i];
        }

        return SysctlValues.TryParseInteger(chars, out value);
    }

    private static (byte[], MetricFamily) Gauge(string key, string name, string help) =>
        (Encoding.ASCII.GetBytes(key), new MetricFamily("node_zoneinfo_" + name, help, MetricType.Gauge));

    private static (byte[], MetricFamily) Counter(string key, string name, string help) =>
        (Encoding.ASCII.GetBytes(key), new MetricFamily("node_zoneinfo_" + name, help, MetricType.Counter));
}
