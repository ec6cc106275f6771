using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/spl/kstat/zfs: the kstat tables of ZFS on Linux (ARC, DMU, ZIL, ...), and per pool its io
/// counters, its datasets' counters and its state. Without that folder (no ZFS module) there is no data.
/// </summary>
internal sealed class ZfsCollector : INodeCollector
{
    private static readonly MetricFamily State = new("node_zfs_zpool_state", "kstat.zfs.misc.state", MetricType.Gauge);

    // Each file's unsigned rows are one family each, named after the file's subsystem. node_exporter 1.5 reads
    // no dbufstats.
    private static readonly (string File, FamilyCache Families)[] Tables =
    [
        Table("zfs_abd", "abdstats"),
        Table("zfs_arc", "arcstats"),
        Table("zfs_dmu_tx", "dmu_tx"),
        Table("zfs_dnode", "dnodestats"),
        Table("zfs_fm", "fm"),
        Table("zfs_vdev_cache", "vdev_cache_stats"),
        Table("zfs_vdev_mirror", "vdev_mirror_stats"),
        Table("zfs_xuio", "xuio_stats"),
        Table("zfs_zfetch", "zfetchstats"),
        Table("zfs_zil", "zil"),
    ];

    private static readonly FamilyCache IoFamilies = new(static name => ZfsKstat.Family("zfs_zpool", "kstat.zfs.misc.io." + name, name));
    private static readonly LabelCache Zpools = new("zpool");

    public string Name => "zfs";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Proc("spl/kstat/zfs");
        if (!Directory.Exists(root))
        {
            return false;
        }

        foreach (var (file, families) in Tables)
        {
            // A table this ZFS version lacks is left out.
            if (FileBuffer.TryRead(Path.Combine(root, file), out var buffer, out _))
            {
                using (buffer)
                {
                    WriteTable(buffer.Span, families, writer);
                }
            }
        }

        var pools = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            pools.Add(directory);
        }

        pools.Sort(StringComparer.Ordinal);
        WritePools(pools, writer);
        WriteStates(pools, writer);
        return true;
    }

    /// <summary>Each unsigned row of a kstat table as a family of its own.</summary>
    /// <exception cref="FormatException">The table has no header or an unsigned row is not a whole number.</exception>
    public static void WriteTable(ReadOnlySpan<byte> table, FamilyCache families, ExpositionWriter writer) =>
        ZfsKstat.ParseTable(table, (families, writer), static (state, name, type, data) =>
        {
            if (ZfsKstat.IsUint64(type))
            {
                state.writer.WriteSample(ZfsKstat.FamilyOf(state.families, name), LabelSet.Empty, ZfsKstat.ParseValue(name, data));
            }
        });

    /// <summary>The pools' io columns and their datasets' rows, each family's samples by dataset then pool.</summary>
    private static void WritePools(List<string> pools, ExpositionWriter writer)
    {
        var samples = new List<(MetricFamily Family, string Dataset, string Zpool, LabelSet Labels, double Value)>();
        var io = new List<(string Column, double Value)>();
        foreach (var pool in pools)
        {
            var zpool = Path.GetFileName(pool);
            if (FileBuffer.TryRead(Path.Combine(pool, "io"), out var file, out _))
            {
                using (file)
                {
                    io.Clear();
                    ZfsKstat.ParseIo(file.Span, io);
                }

                foreach (var (column, value) in io)
                {
                    samples.Add((IoFamilies.Get(column), "", zpool, Zpools.Get(zpool), value));
                }
            }

            foreach (var path in Directory.EnumerateFiles(pool, "objset-*"))
            {
                using var table = FileBuffer.Read(path);
                var objset = ZfsObjset.Parse(table.Span);
                var named = objset.Named ? zpool : "";
                var labels = LabelSet.Create([new("dataset", objset.Dataset), new("zpool", named)]);
                foreach (var (family, value) in objset.Rows)
                {
                    samples.Add((family, objset.Dataset, named, labels, value));
                }
            }
        }

        samples.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Family.Name, b.Family.Name);
            order = order != 0 ? order : string.CompareOrdinal(a.Dataset, b.Dataset);
            return order != 0 ? order : string.CompareOrdinal(a.Zpool, b.Zpool);
        });
        foreach (var sample in samples)
        {
            writer.WriteSample(sample.Family, sample.Labels, sample.Value);
        }
    }

    /// <summary>Per pool with a state file, 1 for the state its first line names and 0 for the others.</summary>
    private static void WriteStates(List<string> pools, ExpositionWriter writer)
    {
        var states = new List<(string Zpool, byte[] State)>();
        foreach (var pool in pools)
        {
            if (FileBuffer.TryRead(Path.Combine(pool, "state"), out var file, out _))
            {
                using (file)
                {
                    states.Add((Path.GetFileName(pool), file.Span.ToArray()));
                }
            }
        }

        foreach (var state in ZfsKstat.PoolStates)
        {
            foreach (var (zpool, text) in states)
            {
                writer.WriteSample(State, LabelSet.Create([new("state", state), new("zpool", zpool)]), ZfsKstat.IsState(text, state) ? 1 : 0);
            }
        }
    }

    private static (string File, FamilyCache Families) Table(string subsystem, string file) =>
        (file, new FamilyCache(name => ZfsKstat.Family(subsystem, "kstat.zfs.misc." + file + "." + name, name)));
}
