using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// Mounted filesystems from mountinfo, sized with statvfs on each mount point under --path.rootfs. A statvfs
/// that does not return within --collector.filesystem.mount-timeout marks its mount stuck: it reports a
/// device error and is left alone until that call returns, so one hung mount never stalls a scrape.
/// </summary>
internal sealed class FilesystemCollector : INodeCollector
{
    private static readonly MetricFamily Avail = Gauge("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.");
    private static readonly MetricFamily DeviceError = Gauge("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.");
    private static readonly MetricFamily Files = Gauge("node_filesystem_files", "Filesystem total file nodes.");
    private static readonly MetricFamily FilesFree = Gauge("node_filesystem_files_free", "Filesystem total free file nodes.");
    private static readonly MetricFamily Free = Gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.");
    private static readonly MetricFamily ReadOnly = Gauge("node_filesystem_readonly", "Filesystem read-only status.");
    private static readonly MetricFamily Size = Gauge("node_filesystem_size_bytes", "Filesystem size in bytes.");

    private static readonly ConcurrentDictionary<MountEntry, LabelSet> LabelSets = new();

    private readonly Regex _mountPointsExclude;
    private readonly Regex _fsTypesExclude;
    private readonly ConcurrentDictionary<string, byte> _stuck = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout;
    private readonly StatVfsCall _statVfs;
    private readonly StatVfsThreads _threads = new();

    /// <param name="options">The mount point and filesystem type patterns and the mount timeout.</param>
    /// <param name="statVfs">The statvfs to call; libc's when null.</param>
    public FilesystemCollector(CollectorOptions options, StatVfsCall? statVfs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeout = options.MountTimeout;
        _statVfs = statVfs ?? StatVfs.TryGet;
        _mountPointsExclude = new Regex(options.MountPointsExclude, RegexOptions.CultureInvariant);
        _fsTypesExclude = new Regex(options.FsTypesExclude, RegexOptions.CultureInvariant);
    }

    public string Name => "filesystem";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        // node_exporter 1.5 reads /proc/1/mounts, or /proc/mounts when there is no process 1 to read.
        var path = paths.Proc("1/mounts");
        if (!File.Exists(path))
        {
            path = paths.Proc("mounts");
        }

        List<MountEntry> mounts;
        using (var file = FileBuffer.Read(path))
        {
            mounts = ParseMounts(file.Span, paths, _mountPointsExclude, _fsTypesExclude);
        }

        var stats = new List<FilesystemStats>(mounts.Count);
        foreach (var mount in mounts)
        {
            stats.Add(Stat(mount, paths.Root(mount.MountPoint)));
        }

        Write(stats, writer);
        return true;
    }

    /// <summary>
    /// The mounts of a mounts file (<c>/proc/1/mounts</c>: device, mount point, type, options) that are not
    /// excluded, once per device, mount point and type, with --path.rootfs taken off. As node_exporter 1.5
    /// reads it: only <c>\040</c> and <c>\011</c> in the mount point are decoded, the device is kept as written.
    /// </summary>
    /// <exception cref="FormatException">A line has fewer than four fields.</exception>
    public static List<MountEntry> ParseMounts(ReadOnlySpan<byte> mounts, NodePaths paths, Regex mountPointsExclude, Regex fsTypesExclude)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(mountPointsExclude);
        ArgumentNullException.ThrowIfNull(fsTypesExclude);
        var entries = new List<MountEntry>();
        var text = mounts;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var device))
            {
                continue;
            }

            if (!Bytes.NextField(ref line, out var mountPoint) || !Bytes.NextField(ref line, out var fsType) || !Bytes.NextField(ref line, out var options))
            {
                throw new FormatException("malformed mount point information: a line of the mounts file has fewer than four fields");
            }

            var type = Encoding.UTF8.GetString(fsType);
            if (fsTypesExclude.IsMatch(type))
            {
                continue;
            }

            var point = paths.StripRoot(DecodeMountPoint(mountPoint));
            if (mountPointsExclude.IsMatch(point))
            {
                continue;
            }

            var entry = new MountEntry(Encoding.UTF8.GetString(device), type, point, HasOption(options, "ro"u8));
            if (!Contains(entries, entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Writes each family with every mount; a mount with an error has only its device error.</summary>
    public static void Write(List<FilesystemStats> stats, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(writer);
        WriteFamily(stats, writer, Avail, static s => s.Avail);
        foreach (var s in stats)
        {
            writer.WriteSample(DeviceError, Labels(s.Mount), s.Error ? 1 : 0);
        }

        WriteFamily(stats, writer, Files, static s => s.Files);
        WriteFamily(stats, writer, FilesFree, static s => s.FilesFree);
        WriteFamily(stats, writer, Free, static s => s.Free);
        WriteFamily(stats, writer, ReadOnly, static s => s.Mount.ReadOnly ? 1 : 0);
        WriteFamily(stats, writer, Size, static s => s.Size);
    }

    /// <summary>
    /// statvfs on <paramref name="path"/> on a worker thread, given up on after the mount timeout; a mount
    /// whose call has not returned yet is not tried again and reports a device error at once. Calls run on
    /// <see cref="StatVfsThreads"/>, so a starved thread pool (the scrape itself waits on one) cannot pass for a hung mount.
    /// </summary>
    public FilesystemStats Stat(MountEntry mount, string path)
    {
        if (_stuck.ContainsKey(path))
        {
            return new FilesystemStats(mount, true, 0, 0, 0, 0, 0);
        }

        var call = _threads.Run(_statVfs, path);
        if (!call.Wait(_timeout))
        {
            _stuck.TryAdd(path, 0);
            call.ContinueWith(
                (_, state) => _stuck.TryRemove((string)state!, out byte _),
                path,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return new FilesystemStats(mount, true, 0, 0, 0, 0, 0);
        }

        var (succeeded, s) = call.Result;
        if (!succeeded)
        {
            return new FilesystemStats(mount, true, 0, 0, 0, 0, 0);
        }

        double blockSize = s.BlockSize;
        return new FilesystemStats(mount, false, s.Blocks * blockSize, s.BlocksFree * blockSize, s.BlocksAvailable * blockSize, s.Files, s.FilesFree);
    }

    /// <summary>A mount point with node_exporter's two escapes decoded: <c>\040</c> (space) and <c>\011</c> (tab).</summary>
    public static string DecodeMountPoint(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        return text.Contains('\\', StringComparison.Ordinal)
            ? text.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            : text;
    }

    /// <summary>A mountinfo field with its octal escapes (<c>\040</c> for a space, <c>\134</c> for a backslash) decoded.</summary>
    public static string Decode(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(field);
        }

        Span<byte> decoded = field.Length <= 512 ? stackalloc byte[field.Length] : new byte[field.Length];
        var length = 0;
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                decoded[length++] = (byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
                i += 3;
            }
            else
            {
                decoded[length++] = field[i];
            }
        }

        return Encoding.UTF8.GetString(decoded[..length]);
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    private static bool HasOption(ReadOnlySpan<byte> options, ReadOnlySpan<byte> option)
    {
        foreach (var range in options.Split((byte)','))
        {
            if (options[range].SequenceEqual(option))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(List<MountEntry> mounts, MountEntry entry)
    {
        foreach (var mount in mounts)
        {
            if (mount.Device == entry.Device && mount.MountPoint == entry.MountPoint)
            {
                return true;
            }
        }

        return false;
    }

    private static MetricFamily Gauge(string name, string help) => new(name, help, MetricType.Gauge);

    private static void WriteFamily(List<FilesystemStats> stats, ExpositionWriter writer, MetricFamily family, Func<FilesystemStats, double> value)
    {
        foreach (var s in stats)
        {
            if (!s.Error)
            {
                writer.WriteSample(family, Labels(s.Mount), value(s));
            }
        }
    }

    private static LabelSet Labels(MountEntry mount)
    {
        if (LabelSets.TryGetValue(mount, out var set))
        {
            return set;
        }

        set = LabelSet.Create([new("device", mount.Device), new("fstype", mount.FsType), new("mountpoint", mount.MountPoint)]);
        if (LabelSets.Count < 4096)
        {
            LabelSets.TryAdd(mount, set);
        }

        return set;
    }
}
