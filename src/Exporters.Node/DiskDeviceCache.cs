namespace Exporters.Node;

/// <summary>
/// The disks of /proc/diskstats by their "major minor device" bytes, each decided once against the device
/// filter (null when it is left out), for one collector's filter and --path.udev.data.
/// </summary>
internal sealed class DiskDeviceCache
{
    private readonly string? _udevData;
    private readonly NameCache<DiskDevice?> _devices;

    /// <param name="filter">The devices to leave out.</param>
    /// <param name="udevData">--path.udev.data; null for no udev labels.</param>
    public DiskDeviceCache(DeviceFilter filter, string? udevData)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Filter = filter;
        _udevData = udevData;
        _devices = new NameCache<DiskDevice?>(Make);
    }

    public DeviceFilter Filter { get; }

    /// <summary>The disk of a diskstats line; null when the filter leaves it out.</summary>
    public DiskDevice? Get(ReadOnlySpan<byte> major, ReadOnlySpan<byte> minor, ReadOnlySpan<byte> device)
    {
        var length = major.Length + minor.Length + device.Length + 2;
        Span<byte> key = length <= 256 ? stackalloc byte[length] : new byte[length];
        major.CopyTo(key);
        key[major.Length] = (byte)' ';
        minor.CopyTo(key[(major.Length + 1)..]);
        key[major.Length + minor.Length + 1] = (byte)' ';
        device.CopyTo(key[(major.Length + minor.Length + 2)..]);
        return _devices.Get(key);
    }

    private DiskDevice? Make(string key)
    {
        var parts = key.Split(' ');
        return Filter.Ignored(parts[2].AsSpan()) ? null : new DiskDevice(parts[0], parts[1], parts[2], _udevData);
    }
}
