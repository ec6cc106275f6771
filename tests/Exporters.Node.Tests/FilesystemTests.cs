using System.Text.RegularExpressions;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class FilesystemTests
{
    private static readonly Regex MountPoints = new(CollectorOptions.DefaultMountPointsExclude);
    private static readonly Regex FsTypes = new(CollectorOptions.DefaultFsTypesExclude);

    [Fact]
    public void Mounts_are_decoded_filtered_and_deduplicated_as_node_exporter_does()
    {
        var mounts = FilesystemCollector.ParseMounts(Fixtures.Bytes("proc/1/mounts"), new NodePaths("/proc", "/sys", "/"), MountPoints, FsTypes);
        Assert.Equal(
            [
                new MountEntry("/dev/vdb1", "ext4", "/srv/media library", false),
                new MountEntry("/dev/vdc", "xfs", "/srv/archive", true),
                new MountEntry("tmp\\040fs", "tmpfs", "/srv/tab\tand\\134slash", false),
            ],
            mounts);
    }

    [Fact]
    public void Rootfs_is_taken_off_mount_points()
    {
        var input = "/dev/vda /host ext4 rw 0 0\n/dev/vdb /host/srv ext4 rw 0 0\nproc /host/proc proc rw 0 0\n"u8;
        var mounts = FilesystemCollector.ParseMounts(input, new NodePaths("/proc", "/sys", "/host"), MountPoints, FsTypes);
        Assert.Equal(["/", "/srv"], mounts.Select(m => m.MountPoint));
    }

    [Fact]
    public void Families_are_exact_and_an_error_leaves_only_the_device_error()
    {
        var good = new FilesystemStats(new MountEntry("/dev/vda", "ext4", "/", false), false, 4096, 1024, 512, 100, 40);
        var bad = new FilesystemStats(new MountEntry("server:/export", "nfs4", "/mnt/nfs", true), true, 0, 0, 0, 0, 0);
        var text = Fixtures.Render(w => FilesystemCollector.Write([good, bad], w));
        const string Root = "{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"}";
        Assert.Equal(
            "# HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.\n# TYPE node_filesystem_avail_bytes gauge\n"
            + $"node_filesystem_avail_bytes{Root} 512\n"
            + "# HELP node_filesystem_device_error Whether an error occurred while getting statistics for the given device.\n# TYPE node_filesystem_device_error gauge\n"
            + $"node_filesystem_device_error{Root} 0\n"
            + "node_filesystem_device_error{device=\"server:/export\",fstype=\"nfs4\",mountpoint=\"/mnt/nfs\"} 1\n"
            + $"# HELP node_filesystem_files Filesystem total file nodes.\n# TYPE node_filesystem_files gauge\nnode_filesystem_files{Root} 100\n"
            + $"# HELP node_filesystem_files_free Filesystem total free file nodes.\n# TYPE node_filesystem_files_free gauge\nnode_filesystem_files_free{Root} 40\n"
            + $"# HELP node_filesystem_free_bytes Filesystem free space in bytes.\n# TYPE node_filesystem_free_bytes gauge\nnode_filesystem_free_bytes{Root} 1024\n"
            + $"# HELP node_filesystem_readonly Filesystem read-only status.\n# TYPE node_filesystem_readonly gauge\nnode_filesystem_readonly{Root} 0\n"
            + $"# HELP node_filesystem_size_bytes Filesystem size in bytes.\n# TYPE node_filesystem_size_bytes gauge\nnode_filesystem_size_bytes{Root} 4096\n",
            text);
    }

    [Fact]
    public void Statvfs_on_the_real_root_agrees_with_the_kernel()
    {
        var collector = new FilesystemCollector(CollectorOptions.Default);
        var root = new MountEntry("rootfs", "any", "/", false);
        var stats = collector.Stat(root, "/");
        Assert.False(stats.Error);
        Assert.True(stats.Size > 0);
        Assert.True(stats.Free <= stats.Size);
        Assert.True(stats.Avail <= stats.Free);
        Assert.True(stats.Files > 0);
        Assert.True(stats.FilesFree <= stats.Files);
        var drive = new DriveInfo("/");
        Assert.Equal(drive.TotalSize, stats.Size);

        var missing = collector.Stat(root with { MountPoint = "/nonexistent" }, "/nonexistent/mount/point");
        Assert.True(missing.Error);
    }
}
