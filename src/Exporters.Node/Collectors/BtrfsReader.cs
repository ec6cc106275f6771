using System.Text;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// Reads one directory of /sys/fs/btrfs the way node_exporter's sysfs reader does, with its rules: a file
/// that is not there reads as empty, a value that is not a whole number as 0, at most 128 bytes of a file
/// are read; an error is remembered per directory (the filesystem's or one allocation type's), later
/// values of that directory then read as 0, and each allocation type's outcome replaces the filesystem's,
/// so only an error in the last one (system) fails the filesystem.
/// </summary>
internal sealed class BtrfsReader
{
    private const int MaxRead = 128;

    // ENOENT: a file that is not there; any other error is remembered.
    private const int NoEntry = 2;

    private static readonly string[] AllocationValues =
        ["bytes_may_use", "bytes_pinned", "bytes_readonly", "bytes_reserved", "bytes_used", "disk_used", "disk_total", "flags", "total_bytes", "total_bytes_pinned"];

    private readonly string _path;
    private int _devices;

    private BtrfsReader(string path, int devices)
    {
        _path = path;
        _devices = devices;
    }

    public string? Error { get; private set; }

    /// <summary>One filesystem's statistics from its directory.</summary>
    /// <exception cref="IOException">The reader's error, as node_exporter fails on it.</exception>
    public static BtrfsStats Read(string directory)
    {
        var reader = new BtrfsReader(directory, 0);
        var stats = reader.ReadFilesystem();
        return reader.Error is null ? stats : throw new IOException(reader.Error);
    }

    /// <summary>A whole number as the sysfs reader takes it: 0 when it is not one, the largest when too large.</summary>
    public static ulong ParseValue(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        ulong value = 0;
        var overflow = false;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return 0;
            }

            if (value > (ulong.MaxValue - (ulong)(b - '0')) / 10)
            {
                overflow = true;
            }
            else
            {
                value = value * 10 + (ulong)(b - '0');
            }
        }

        return overflow ? ulong.MaxValue : value;
    }

    /// <summary>The factor by which a layout's raw space exceeds its data, given the filesystem's device count.</summary>
    public static double Ratio(string layout, int devices) => layout switch
    {
        "single" or "raid0" => 1,
        "dup" or "raid1" or "raid10" => 2,
        "raid5" => devices / (devices - 1.0),
        "raid6" => devices / (devices - 2.0),
        _ => 0,
    };

    private BtrfsStats ReadFilesystem()
    {
        var deviceNames = ListNames("devices", directoriesOnly: false);
        var devices = new List<(string Name, double Bytes)>(deviceNames.Count);
        foreach (var name in deviceNames)
        {
            devices.Add((name, 512.0 * ReadValue("devices/" + name + "/size")));
        }

        _devices = devices.Count;
        var label = ReadText("label");
        var uuid = ReadText("metadata_uuid");
        ListNames("features", directoriesOnly: false);
        foreach (var value in (ReadOnlySpan<string>)["clone_alignment", "nodesize", "quota_override", "sectorsize", "allocation/global_rsv_reserved"])
        {
            ReadValue(value);
        }

        var globalReserve = (double)ReadValue("allocation/global_rsv_size");
        var data = ReadAllocation("allocation/data");
        var metadata = ReadAllocation("allocation/metadata");
        var system = ReadAllocation("allocation/system");
        if (uuid.Length == 0)
        {
            uuid = Path.GetFileName(_path);
        }

        return new BtrfsStats(uuid, label, globalReserve, devices, [data, metadata, system]);
    }

    private BtrfsAllocation ReadAllocation(string directory)
    {
        var reader = new BtrfsReader(Path.Combine(_path, directory), _devices);
        ulong reserved = 0;
        foreach (var name in AllocationValues)
        {
            var value = reader.ReadValue(name);
            if (name == "bytes_reserved")
            {
                reserved = value;
            }
        }

        var layouts = new List<BtrfsLayout>();
        foreach (var layout in reader.ListNames("", directoriesOnly: true))
        {
            var total = reader.ReadValue(layout + "/total_bytes");
            var used = reader.ReadValue(layout + "/used_bytes");
            layouts.Add(new BtrfsLayout(layout, total, used, Ratio(layout, _devices)));
        }

        Error = reader.Error;
        return new BtrfsAllocation(reserved, layouts);
    }

    private ulong ReadValue(string relative)
    {
        var text = ReadBytes(relative, stackalloc byte[MaxRead]);
        return Error is null ? ParseValue(text) : 0;
    }

    private string ReadText(string relative) => Encoding.UTF8.GetString(ReadBytes(relative, stackalloc byte[MaxRead]));

    /// <summary>Up to 128 bytes of the file in one read, blanks trimmed; empty when the file is not there or cannot be read.</summary>
    private ReadOnlySpan<byte> ReadBytes(string relative, Span<byte> buffer)
    {
        var path = Path.Combine(_path, relative);
        if (!ProcFile.TryRead(path, buffer, out var length, out var errno))
        {
            if (errno != NoEntry)
            {
                Error = ProcFile.Error(path, errno).Message;
            }

            return default;
        }

        return buffer[..length].Trim(" \t\n\r\v\f"u8);
    }

    /// <summary>The names in a directory, in order; with <paramref name="directoriesOnly"/>, those that are directories themselves (not links to one).</summary>
    private List<string> ListNames(string relative, bool directoriesOnly)
    {
        var names = new List<string>();
        var path = relative.Length == 0 ? _path : Path.Combine(_path, relative);
        try
        {
            foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
            {
                if (!directoriesOnly || (entry.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == FileAttributes.Directory)
                {
                    names.Add(entry.Name);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error = e.Message;
            names.Clear();
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
