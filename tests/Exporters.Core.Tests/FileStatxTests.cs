using System.Text;
using Exporters.Core.Metrics;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>statx on paths and handles: identity, size, links and modification time as the file system has them.</summary>
public sealed class FileStatxTests
{
    [Fact]
    public void A_path_gives_the_files_size_inode_links_and_modification_time()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.log");
        File.WriteAllText(path, "12345");
        var modified = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(path, modified);

        Assert.True(FileStatx.TryStat(path, out var stat));

        Assert.Equal(5, stat.Size);
        Assert.Equal(1u, stat.Links);
        Assert.NotEqual(0ul, stat.Inode);
        Assert.Equal(new DateTimeOffset(modified).ToUnixTimeSeconds(), stat.ModifiedSeconds);
        Assert.Equal(123456700u, stat.ModifiedNanoseconds);
        Assert.True(FileStatx.TryStatNative(Encoding.UTF8.GetBytes(path + "\0"), out var native));
        Assert.Equal(stat, native);
    }

    [Fact]
    public void A_handle_follows_its_file_through_a_rename_and_a_deletion()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.log");
        File.WriteAllText(path, "line\n");
        Assert.True(FileStatx.TryStat(path, out var before));
        using var handle = File.OpenHandle(path);

        File.Move(path, path + ".1");
        File.WriteAllText(path, "");
        Assert.True(FileStatx.TryStat(handle, out var moved));
        Assert.True(FileStatx.TryStat(path, out var replacement));
        File.Delete(path + ".1");
        Assert.True(FileStatx.TryStat(handle, out var deleted));

        Assert.Equal((before.Device, before.Inode, 5L), (moved.Device, moved.Inode, moved.Size));
        Assert.NotEqual(before.Inode, replacement.Inode);
        Assert.Equal(0u, deleted.Links);
    }

    [Fact]
    public void A_missing_file_or_a_path_that_is_not_one_is_false()
    {
        using var dir = new TempDirectory();
        Assert.False(FileStatx.TryStat(Path.Combine(dir.Path, "missing"), out _));
        Assert.False(FileStatx.TryStat(dir.Path + "\0/etc/hostname", out _));
        Assert.False(FileStatx.TryStatNative(Encoding.UTF8.GetBytes(dir.Path), out _));
        Assert.False(FileStatx.TryStatNative([], out _));
    }
}
