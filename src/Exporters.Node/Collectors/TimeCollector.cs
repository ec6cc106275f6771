using System.Runtime.InteropServices;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>The system time, the local zone's offset, and the clocksources of /sys/devices/system/clocksource.</summary>
internal sealed partial class TimeCollector : INodeCollector
{
    private static readonly MetricFamily Available = new("node_time_clocksource_available_info", "Available clocksources read from '/sys/devices/system/clocksource'.", MetricType.Gauge);
    private static readonly MetricFamily Current = new("node_time_clocksource_current_info", "Current clocksource read from '/sys/devices/system/clocksource'.", MetricType.Gauge);
    private static readonly MetricFamily Seconds = new("node_time_seconds", "System time in seconds since epoch (1970).", MetricType.Gauge);
    private static readonly MetricFamily ZoneOffset = new("node_time_zone_offset_seconds", "System time zone offset in seconds.", MetricType.Gauge);

    private readonly TimeProvider _time;

    public TimeCollector(TimeProvider time)
    {
        _time = time;
    }

    public string Name => "time";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        var now = _time.GetUtcNow();
        WriteClocksources(paths.Sys("devices/system/clocksource"), writer);
        writer.WriteSample(Seconds, LabelSet.Empty, now.ToUnixTimeMilliseconds() / 1000.0);
        var (offset, zone) = LocalZone(now.ToUnixTimeSeconds());
        writer.WriteSample(ZoneOffset, LabelSet.Create([new("time_zone", zone)]), offset);
    }

    private static void WriteClocksources(string directory, ExpositionWriter writer)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var devices = Directory.GetDirectories(directory, "clocksource*");
        Array.Sort(devices, StringComparer.Ordinal);
        foreach (var (family, file) in new[] { (Available, "available_clocksource"), (Current, "current_clocksource") })
        {
            foreach (var device in devices)
            {
                var number = Path.GetFileName(device)["clocksource".Length..];
                var path = Path.Combine(device, file);
                if (!File.Exists(path))
                {
                    continue;
                }

                var names = File.ReadAllText(path).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
                Array.Sort(names, StringComparer.Ordinal);
                foreach (var name in names)
                {
                    writer.WriteSample(family, LabelSet.Create([new("clocksource", name), new("device", number)]), 1);
                }
            }
        }
    }

    private static unsafe (long Offset, string Zone) LocalZone(long unixSeconds)
    {
        Tm tm;
        if (LocalTime(&unixSeconds, &tm) is null)
        {
            return (0, "UTC");
        }

        return (tm.GmtOffset, Marshal.PtrToStringUTF8(tm.Zone) ?? "");
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
