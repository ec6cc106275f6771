using Exporters.Node.Collectors;

namespace Exporters.Node;

/// <summary>Every collector this exporter has, by name, in the order their families are written.</summary>
internal static class CollectorRegistry
{
    public static IReadOnlyList<INodeCollector> All(TimeProvider time, CollectorOptions options)
    {
        INodeCollector[] all =
        [
            new ArpCollector(options),
            new BuddyInfoCollector(),
            new ConntrackCollector(),
            new CpuCollector(options),
            new DiskStatsCollector(options),
            new EntropyCollector(),
            new FileFdCollector(),
            new FilesystemCollector(options),
            new HwmonCollector(),
            new InterruptsCollector(),
            new KsmdCollector(),
            new LoadAvgCollector(),
            new MemInfoCollector(),
            new MemInfoNumaCollector(),
            new NetClassCollector(options),
            new NetDevCollector(options),
            new NetStatCollector(options),
            new OsCollector(),
            new PressureCollector(),
            new ProcessesCollector(),
            new SchedStatCollector(),
            new SelinuxCollector(),
            new SockStatCollector(),
            new SoftnetCollector(),
            new StatCollector(),
            new TextfileCollector(options),
            new ThermalZoneCollector(),
            new TimeCollector(time),
            new TimexCollector(),
            new UdpQueuesCollector(),
            new UnameCollector(),
            new VmStatCollector(options),
            new ZfsCollector(),
        ];
        Array.Sort(all, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return all;
    }
}
