using System.Runtime.InteropServices;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>The system time, the local zone's offset, and the clocksources of /sys/devices/system/clocksource.</summary>
internal sealed partial class TimeCollector : INodeCollector
{
    private static readonly MetricFamily Available = new("node_time_clocksource_available_info", "Available clocksources read from '/sys/devices/system/clocksource'.", MetricType.Gauge);
    private static readonly MetricFamily Current = new("node_time_clocksource_current_info", "Current clocksource read from '/sys/devices/system/clocksource'.", MetricType.Gauge);
    private static readonly MetricFamily Seconds = new("node_time_seconds", "System time in seconds since epoch (1970).", MetricType.Gauge);
    private static readonly MetricFamily ZoneOffset = new("node_time_zone_offset_seconds", "System time zone offset in seconds.", MetricType.Gauge);

    // The files of a clocksource directory, in the order their families are written.
    private static readonly (MetricFamily Family, byte[] Name)[] Files =
        [(Available, "available_clocksource"u8.ToArray()), (Current, "current_clocksource"u8.ToArray())];

    private const int MaxFile = 4096;
    private static readonly ContentCache<(MetricFamily Family, LabelSet Labels)[]> Clocksources = new();
    private static readonly LabelCache Zones = new("time_zone");
    private readonly TimeProvider _time;

    public TimeCollector(TimeProvider time)
    {
        _time = time;
    }

    public string Name => "time";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var now = _time.GetUtcNow();
        WriteClocksources(paths.Sys("devices/system/clocksource"), writer);
        writer.WriteSample(Seconds, LabelSet.Empty, now.ToUnixTimeMilliseconds() / 1000.0);
        var offset = LocalZone(now.ToUnixTimeSeconds(), out var zone);
        writer.WriteSample(ZoneOffset, zone, offset);
        return true;
    }

    private static void WriteClocksources(string directory, ExpositionWriter writer)
    {
        using var files = new PooledBufferWriter(1024);
        if (!ReadClocksources(directory, files))
        {
            return;
        }

        foreach (var (family, labels) in Clocksources.Get(files.WrittenSpan, static files => MakeSamples(files)))
        {
            writer.WriteSample(family, labels, 1);
        }
    }

    /// <summary>
    /// The two files of every clocksource* directory into <paramref name="files"/>, each as the file's index
    /// in <see cref="Files"/>, the directory's name and the file's text, each text after its 16-bit length;
    /// false when there is no such directory.
    /// </summary>
    private static bool ReadClocksources(string directory, PooledBufferWriter files)
    {
        if (!ProcDirectory.TryOpen(directory, out var root, out var errno))
        {
            return ProcFile.IsNoFile(errno) ? false : throw ProcFile.Error(directory, errno);
        }

        try
        {
            if (!DirectoryEntries.TryOpen(directory, out var entries, out errno))
            {
                throw ProcFile.Error(directory, errno);
            }

            try
            {
                while (entries.MoveNext())
                {
                    if (entries.Name.StartsWith("clocksource"u8) && entries.Name.Length < 256 && root.TryOpen(entries.Name, out var device, out _))
                    {
                        try
                        {
                            ReadFiles(directory, entries.Name, device, files);
                        }
                        finally
                        {
                            device.Dispose();
                        }
                    }
                }
            }
            finally
            {
                entries.Dispose();
            }
        }
        finally
        {
            root.Dispose();
        }

        return true;
    }

    private static void ReadFiles(string directory, ReadOnlySpan<byte> name, ProcDirectory device, PooledBufferWriter files)
    {
        for (var f = 0; f < Files.Length; f++)
        {
            var span = files.GetSpan(4 + name.Length + MaxFile);
            if (!device.TryRead(Files[f].Name, span.Slice(4 + name.Length, MaxFile), out var length, out var errno))
            {
                if (ProcFile.IsNoFile(errno))
                {
                    continue;
                }

                throw ProcFile.Error(Path.Combine(directory, Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(Files[f].Name)), errno);
            }

            span[0] = (byte)f;
            span[1] = (byte)name.Length;
            name.CopyTo(span[2..]);
            span[2 + name.Length] = (byte)length;
            span[3 + name.Length] = (byte)(length >> 8);
            files.Advance(4 + name.Length + length);
        }
    }

    /// <summary>The samples of the files <see cref="ReadClocksources"/> read: devices in name order, each file's names sorted.</summary>
    private static (MetricFamily Family, LabelSet Labels)[] MakeSamples(byte[] files)
    {
        var entries = new List<(int File, string Device, string Text)>();
        var rest = files.AsSpan();
        while (!rest.IsEmpty)
        {
            var nameLength = rest[1];
            var name = Encoding.UTF8.GetString(rest.Slice(2, nameLength));
            var textLength = rest[2 + nameLength] | (rest[3 + nameLength] << 8);
            entries.Add((rest[0], name, Encoding.UTF8.GetString(rest.Slice(4 + nameLength, textLength))));
            rest = rest[(4 + nameLength + textLength)..];
        }

        entries.Sort(static (a, b) => a.File != b.File ? a.File.CompareTo(b.File) : string.CompareOrdinal(a.Device, b.Device));
        var samples = new List<(MetricFamily, LabelSet)>();
        foreach (var (file, device, text) in entries)
        {
            var number = device["clocksource".Length..];
            var names = text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            Array.Sort(names, StringComparer.Ordinal);
            foreach (var name in names)
            {
                samples.Add((Files[file].Family, LabelSet.Create([new("clocksource", name), new("device", number)])));
            }
        }

        return [.. samples];
    }

    private static unsafe double LocalZone(long unixSeconds, out LabelSet zone)
    {
        Tm tm;
        if (LocalTime(&unixSeconds, &tm) is null)
        {
            zone = Zones.Get("UTC"u8);
            return 0;
        }

        zone = Zones.Get(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)tm.Zone));
        return tm.GmtOffset;
    }

    [LibraryImport("libc", EntryPoint = "localtime_r")]
    private static unsafe partial Tm* LocalTime(long* time, Tm* result);

    [StructLayout(LayoutKind.Sequential)]
    private struct Tm
    {
        public int Second;
        public int Minute;
        public int Hour;
        public int Day;
        public int Month;
        public int Year;
        public int WeekDay;
        public int YearDay;
        public int IsDst;
        public long GmtOffset;
        public nint Zone;
    }
}
