using System.Text;
using Exporters.Core.Metrics;

namespace Exporters.Core.Tests;

public sealed class ProcFileTests : IDisposable
{
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int IsDirectory = 21;
    private const int Invalid = 22;
    private readonly string _root = Directory.CreateTempSubdirectory("procfile-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Reads_a_whole_small_file()
    {
        var path = Write("mtu", "1500\n");
        Span<byte> buffer = stackalloc byte[64];

        Assert.True(ProcFile.TryRead(path, buffer, out var length, out var errno));
        Assert.Equal(0, errno);
        Assert.Equal("1500\n", Encoding.UTF8.GetString(buffer[..length]));
        Assert.Equal("1500\n", Encoding.UTF8.GetString(ProcFile.Read(path, buffer)));
    }

    [Fact]
    public void An_empty_file_reads_as_nothing()
    {
        var path = Write("empty", "");

        Assert.True(ProcFile.TryRead(path, new byte[16], out var length, out _));
        Assert.Equal(0, length);
    }

    [Fact]
    public void A_missing_file_is_false_with_enoent_and_read_names_the_path()
    {
        var path = Path.Combine(_root, "nosuch");

        Assert.False(ProcFile.TryRead(path, new byte[16], out var length, out var errno));
        Assert.Equal(0, length);
        Assert.Equal(NoEntry, errno);
        Assert.True(ProcFile.IsNoFile(errno));
        var error = Assert.Throws<FileNotFoundException>(() => ProcFile.Read(path, new byte[16]));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_false_with_eisdir()
    {
        Assert.False(ProcFile.TryRead(_root, new byte[16], out var length, out var errno));
        Assert.Equal(0, length);
        Assert.Equal(IsDirectory, errno);
        Assert.True(ProcFile.IsNoFile(errno));
        var error = Assert.Throws<IOException>(() => ProcFile.Read(_root, new byte[16]));
        Assert.Contains(_root, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_under_a_file_is_false_with_enotdir()
    {
        var file = Write("plain", "x");

        Assert.False(ProcFile.TryRead(Path.Combine(file, "child"), new byte[16], out _, out var errno));
        Assert.Equal(NotDirectory, errno);
        Assert.Throws<DirectoryNotFoundException>(() => ProcFile.Read(Path.Combine(file, "child"), new byte[16]));
    }

    [Fact]
    public void A_property_the_kernel_refuses_is_false_with_its_errno_and_no_exception()
    {
        // The loopback device has no link speed: reading it fails with EINVAL.
        const string speed = "/sys/class/net/lo/speed";

        Assert.False(ProcFile.TryRead(speed, new byte[64], out var length, out var errno));
        Assert.Equal(0, length);
        Assert.Equal(Invalid, errno);
        Assert.False(ProcFile.IsNoFile(errno));
        var error = Assert.Throws<IOException>(() => ProcFile.Read(speed, new byte[64]));
        Assert.Contains(speed, error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid argument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_buffer_fills_the_buffer()
    {
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n"));
        var path = Write("large", text);
        var buffer = new byte[100];

        Assert.True(ProcFile.TryRead(path, buffer, out var length, out _));
        Assert.Equal(buffer.Length, length);
        Assert.Equal(text[..100], Encoding.UTF8.GetString(buffer));
    }

    [Fact]
    public void A_proc_file_larger_than_one_read_is_read_whole()
    {
        // /proc/self/maps of a .NET process is many pages long.
        var buffer = new byte[4 * 1024 * 1024];

        Assert.True(ProcFile.TryRead("/proc/self/maps", buffer, out var length, out _));
        Assert.True(length > 8192, $"read {length} bytes");
        Assert.Equal((byte)'\n', buffer[length - 1]);
    }

    [Fact]
    public void Paths_in_utf8_and_paths_longer_than_the_stack_buffer_are_read()
    {
        var deep = Path.Combine(_root, new string('d', 200), new string('e', 200), "größe");
        Directory.CreateDirectory(Path.GetDirectoryName(deep)!);
        File.WriteAllText(deep, "42\n");

        Assert.True(ProcFile.TryRead(deep, new byte[16], out var length, out _));
        Assert.Equal(3, length);
    }

    [Fact]
    public void A_path_with_a_nul_is_refused()
    {
        var path = Write("mtu", "1500\n");

        Assert.False(ProcFile.TryRead(path + "\0ignored", new byte[16], out _, out var errno));
        Assert.Equal(Invalid, errno);
    }

    [Fact]
    public void A_directory_reads_its_files_by_name()
    {
        Write("carrier", "1\n");
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "type"), "772\n");
        Span<byte> buffer = stackalloc byte[16];

        Assert.True(ProcDirectory.TryOpen(_root, out var directory, out _));
        try
        {
            Assert.True(directory.TryRead("carrier"u8, buffer, out var length, out _));
            Assert.Equal("1\n", Encoding.UTF8.GetString(buffer[..length]));
            Assert.False(directory.TryRead("nosuch"u8, buffer, out _, out var errno));
            Assert.Equal(NoEntry, errno);

            Assert.True(directory.TryOpen("sub"u8, out var sub, out _));
            using (sub)
            {
                Assert.True(sub.TryRead("type"u8, buffer, out length, out _));
                Assert.Equal("772\n", Encoding.UTF8.GetString(buffer[..length]));
            }

            Assert.False(directory.TryOpen("carrier"u8, out var notDirectory, out errno));
            Assert.Equal(NotDirectory, errno);
            Assert.False(notDirectory.IsOpen);
        }
        finally
        {
            directory.Dispose();
        }

        Assert.False(directory.IsOpen);
        Assert.False(directory.TryRead("carrier"u8, buffer, out _, out _));
    }

    [Fact]
    public void A_directory_is_reached_through_a_link_and_a_missing_one_is_false()
    {
        Directory.CreateDirectory(Path.Combine(_root, "devices", "eth0"));
        File.WriteAllText(Path.Combine(_root, "devices", "eth0", "mtu"), "9000\n");
        File.CreateSymbolicLink(Path.Combine(_root, "eth0"), Path.Combine("devices", "eth0"));
        File.CreateSymbolicLink(Path.Combine(_root, "broken"), "nowhere");

        Assert.True(ProcDirectory.TryOpen(_root, out var root, out _));
        using (root)
        {
            Assert.True(root.TryOpen("eth0"u8, out var eth0, out _));
            using (eth0)
            {
                Assert.True(eth0.TryRead("mtu"u8, new byte[16], out var length, out _));
                Assert.Equal(5, length);
            }

            Assert.False(root.TryOpen("broken"u8, out _, out var errno));
            Assert.Equal(NoEntry, errno);
        }

        Assert.False(ProcDirectory.TryOpen(Path.Combine(_root, "nosuch"), out _, out var missing));
        Assert.Equal(NoEntry, missing);
    }

    [Fact]
    public void A_sysfs_attribute_read_once_is_the_whole_attribute()
    {
        Assert.True(ProcFile.TryRead("/sys/class/net/lo/address", new byte[4096], out var whole, out _));
        Assert.True(ProcDirectory.TryOpen("/sys/class/net/lo", out var lo, out _));
        try
        {
            var buffer = new byte[4096];
            Assert.True(lo.TryReadAttribute("address"u8, buffer, out var length, out _));
            Assert.Equal(whole, length);
            Assert.Equal("00:00:00:00:00:00\n", Encoding.UTF8.GetString(buffer, 0, length));
            Assert.False(lo.TryReadAttribute("speed"u8, buffer, out length, out var errno));
            Assert.Equal(Invalid, errno);
            Assert.Equal(0, length);
        }
        finally
        {
            lo.Dispose();
        }
    }

    [Fact]
    public void Directory_entries_are_every_name_but_the_dot_entries()
    {
        Write("a", "");
        Directory.CreateDirectory(Path.Combine(_root, "b"));
        File.CreateSymbolicLink(Path.Combine(_root, "c"), "b");
        var names = new List<string>();

        Assert.True(DirectoryEntries.TryOpen(_root, out var entries, out _));
        try
        {
            while (entries.MoveNext())
            {
                names.Add(Encoding.UTF8.GetString(entries.Name));
            }
        }
        finally
        {
            entries.Dispose();
        }

        names.Sort(StringComparer.Ordinal);
        Assert.Equal(["a", "b", "c"], names);
        Assert.False(DirectoryEntries.TryOpen(Path.Combine(_root, "nosuch"), out _, out var errno));
        Assert.Equal(NoEntry, errno);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }
}
