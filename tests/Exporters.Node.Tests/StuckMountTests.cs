using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

/// <summary>
/// A statvfs that hangs (as on a dead NFS server) over the fixture mounts: the scrape gives up on it after the
/// mount timeout, skips it while the call is still out, and tries it again once the call has returned.
/// </summary>
public sealed class StuckMountTests
{
    private const string Archive = "mountpoint=\"/srv/archive\"";

    [Fact]
    public async Task A_hung_statvfs_marks_its_mount_stuck_until_the_call_returns()
    {
        using var release = new ManualResetEventSlim();
        var archiveCalls = 0;
        var otherCalls = 0;
        StatVfsCall statVfs = (string path, out StatVfsBuffer stats) =>
        {
            if (path.EndsWith("/srv/archive", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref archiveCalls) == 1)
                {
                    release.Wait();
                }
            }
            else
            {
                Interlocked.Increment(ref otherCalls);
            }

            stats = new StatVfsBuffer { BlockSize = 1024, Blocks = 10, BlocksFree = 5, BlocksAvailable = 4, Files = 100, FilesFree = 50 };
            return true;
        };
        // Only the hung call waits this out; the others run on threads of their own and return at once.
        var options = new CollectorOptions { MountTimeout = TimeSpan.FromMilliseconds(300) };
        var collector = new FilesystemCollector(options, statVfs);
        var paths = new NodePaths(Fixtures.Proc, Fixtures.Sys, Path.Combine(Fixtures.Root, "rootfs"));
        string Scrape() => Fixtures.Render(w => collector.Update(paths, w));

        var first = Scrape();
        Assert.Contains($"node_filesystem_device_error{{device=\"/dev/vdc\",fstype=\"xfs\",{Archive}}} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("node_filesystem_device_error{device=\"/dev/vdb1\",fstype=\"ext4\",mountpoint=\"/srv/media library\"} 0\n", first, StringComparison.Ordinal);
        Assert.Contains("node_filesystem_size_bytes{device=\"/dev/vdb1\",fstype=\"ext4\",mountpoint=\"/srv/media library\"} 10240\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"node_filesystem_size_bytes{{device=\"/dev/vdc\",fstype=\"xfs\",{Archive}}}", first, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref archiveCalls));
        Assert.Equal(2, Volatile.Read(ref otherCalls));

        // Still hung: the mount is skipped without a new call, the others are read again.
        var second = Scrape();
        Assert.Contains($"node_filesystem_device_error{{device=\"/dev/vdc\",fstype=\"xfs\",{Archive}}} 1\n", second, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref archiveCalls));
        Assert.Equal(4, Volatile.Read(ref otherCalls));

        // The call returns; the mount is tried again on a later scrape (the mark goes when the call's continuation has run).
        release.Set();
        var recovered = "";
        for (var attempt = 0; attempt < 500 && !recovered.Contains($"node_filesystem_device_error{{device=\"/dev/vdc\",fstype=\"xfs\",{Archive}}} 0\n", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(10);
            recovered = Scrape();
        }

        Assert.Contains($"node_filesystem_size_bytes{{device=\"/dev/vdc\",fstype=\"xfs\",{Archive}}} 10240\n", recovered, StringComparison.Ordinal);
        Assert.Equal(2, Volatile.Read(ref archiveCalls));
    }
}
