using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/fs/xfs/&lt;device&gt;/stats/stats: each mounted XFS filesystem's counters (kernel 4.4 and later), as
/// node_exporter names them; a node without XFS has no such directory and gets no samples.
/// </summary>
internal sealed class XfsCollector : INodeCollector
{
    private static readonly (MetricFamily Family, byte[] Group, int Column)[] Counters =
    [
        Counter("extent_allocation_extents_allocated_total", "Number of extents allocated for a filesystem.", "extent_alloc"u8, 0),
        Counter("extent_allocation_blocks_allocated_total", "Number of blocks allocated for a filesystem.", "extent_alloc"u8, 1),
        Counter("extent_allocation_extents_freed_total", "Number of extents freed for a filesystem.", "extent_alloc"u8, 2),
        Counter("extent_allocation_blocks_freed_total", "Number of blocks freed for a filesystem.", "extent_alloc"u8, 3),
        Counter("allocation_btree_lookups_total", "Number of allocation B-tree lookups for a filesystem.", "abt"u8, 0),
        Counter("allocation_btree_compares_total", "Number of allocation B-tree compares for a filesystem.", "abt"u8, 1),
        Counter("allocation_btree_records_inserted_total", "Number of allocation B-tree records inserted for a filesystem.", "abt"u8, 2),
        Counter("allocation_btree_records_deleted_total", "Number of allocation B-tree records deleted for a filesystem.", "abt"u8, 3),
        Counter("block_mapping_reads_total", "Number of block map for read operations for a filesystem.", "blk_map"u8, 0),
        Counter("block_mapping_writes_total", "Number of block map for write operations for a filesystem.", "blk_map"u8, 1),
        Counter("block_mapping_unmaps_total", "Number of block unmaps (deletes) for a filesystem.", "blk_map"u8, 2),
        Counter("block_mapping_extent_list_insertions_total", "Number of extent list insertions for a filesystem.", "blk_map"u8, 3),
        Counter("block_mapping_extent_list_deletions_total", "Number of extent list deletions for a filesystem.", "blk_map"u8, 4),
        Counter("block_mapping_extent_list_lookups_total", "Number of extent list lookups for a filesystem.", "blk_map"u8, 5),
        Counter("block_mapping_extent_list_compares_total", "Number of extent list compares for a filesystem.", "blk_map"u8, 6),
        Counter("block_map_btree_lookups_total", "Number of block map B-tree lookups for a filesystem.", "bmbt"u8, 0),
        Counter("block_map_btree_compares_total", "Number of block map B-tree compares for a filesystem.", "bmbt"u8, 1),
        Counter("block_map_btree_records_inserted_total", "Number of block map B-tree records inserted for a filesystem.", "bmbt"u8, 2),
        Counter("block_map_btree_records_deleted_total", "Number of block map B-tree records deleted for a filesystem.", "bmbt"u8, 3),
        Counter("directory_operation_lookup_total", "Number of file name directory lookups which miss the operating systems directory name lookup cache.", "dir"u8, 0),
        Counter("directory_operation_create_total", "Number of times a new directory entry was created for a filesystem.", "dir"u8, 1),
        Counter("directory_operation_remove_total", "Number of times an existing directory entry was created for a filesystem.", "dir"u8, 2),
        Counter("directory_operation_getdents_total", "Number of times the directory getdents operation was performed for a filesystem.", "dir"u8, 3),
        Counter("inode_operation_attempts_total", "Number of times the OS looked for an XFS inode in the inode cache.", "ig"u8, 0),
        Counter("inode_operation_found_total", "Number of times the OS looked for and found an XFS inode in the inode cache.", "ig"u8, 1),
        Counter("inode_operation_recycled_total", "Number of times the OS found an XFS inode in the cache, but could not use it as it was being recycled.", "ig"u8, 2),
        Counter("inode_operation_missed_total", "Number of times the OS looked for an XFS inode in the cache, but did not find it.", "ig"u8, 3),
        Counter("inode_operation_duplicates_total", "Number of times the OS tried to add a missing XFS inode to the inode cache, but found it had already been added by another process.", "ig"u8, 4),
        Counter("inode_operation_reclaims_total", "Number of times the OS reclaimed an XFS inode from the inode cache to free memory for another purpose.", "ig"u8, 5),
        Counter("inode_operation_attribute_changes_total", "Number of times the OS explicitly changed the attributes of an XFS inode.", "ig"u8, 6),

        // The kernel writes the write calls first.
        Counter("write_calls_total", "Number of write(2) system calls made to files in a filesystem.", "rw"u8, 0),
        Counter("read_calls_total", "Number of read(2) system calls made to files in a filesystem.", "rw"u8, 1),
        Counter("vnode_active_total", "Number of vnodes not on free lists for a filesystem.", "vnodes"u8, 0),
        Counter("vnode_allocate_total", "Number of times vn_alloc called for a filesystem.", "vnodes"u8, 1),
        Counter("vnode_get_total", "Number of times vn_get called for a filesystem.", "vnodes"u8, 2),
        Counter("vnode_hold_total", "Number of times vn_hold called for a filesystem.", "vnodes"u8, 3),
        Counter("vnode_release_total", "Number of times vn_rele called for a filesystem.", "vnodes"u8, 4),
        Counter("vnode_reclaim_total", "Number of times vn_reclaim called for a filesystem.", "vnodes"u8, 5),
        Counter("vnode_remove_total", "Number of times vn_remove called for a filesystem.", "vnodes"u8, 6),
    ];

    private static readonly (byte[] Group, int Column)[] Wanted = Columns();
    private static readonly LabelCache Devices = new("device");

    public string Name => "xfs";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("fs/xfs");
        if (!Directory.Exists(root))
        {
            return true;
        }

        var devices = new List<(string Name, ulong[] Values)>();
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var path = Path.Combine(directory, "stats", "stats");
            if (!File.Exists(path))
            {
                continue;
            }

            var values = new ulong[Counters.Length];
            using (var file = FileBuffer.Read(path))
            {
                XfsStats.Parse(file.Span, Wanted, values);
            }

            devices.Add((Path.GetFileName(directory), values));
        }

        Write(devices, writer);
        return true;
    }

    /// <summary>Each family with one sample per device, devices in name order as node_exporter lists them.</summary>
    public static void Write(List<(string Name, ulong[] Values)> devices, ExpositionWriter writer)
    {
        devices.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 0; i < Counters.Length; i++)
        {
            foreach (var (name, values) in devices)
            {
                writer.WriteSample(Counters[i].Family, Devices.Get(name), values[i]);
            }
        }
    }

    private static (byte[] Group, int Column)[] Columns()
    {
        var columns = new (byte[] Group, int Column)[Counters.Length];
        for (var i = 0; i < Counters.Length; i++)
        {
            columns[i] = (Counters[i].Group, Counters[i].Column);
        }

        return columns;
    }

    private static (MetricFamily, byte[], int) Counter(string name, string help, ReadOnlySpan<byte> group, int column) =>
        (new MetricFamily("node_xfs_" + name, help, MetricType.Counter), group.ToArray(), column);
}
