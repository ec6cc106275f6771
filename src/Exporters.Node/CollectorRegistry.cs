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
            new BondingCollector(),
            new BcacheCollector(),
            new BtrfsCollector(),
            new CgroupsCollector(),
            new BuddyInfoCollector(),
            new ConntrackCollector(),
            new CpuCollector(),
            new CpuFreqCollector(),
            new DiskStatsCollector(options),
            new DmiCollector(),
            new EdacCollector(),
            new DrbdCollector(),
            new EntropyCollector(),
            new FileFdCollector(),
            new FibreChannelCollector(),
            new FilesystemCollector(options),
            new HwmonCollector(),
            new InfiniBandCollector(),
            new IpvsCollector(),
            new LnstatCollector(),
            new InterruptsCollector(),
            new KsmdCollector(),
            new LoadAvgCollector(),
            new MdadmCollector(),
            new MountStatsCollector(),
            new MemInfoCollector(),
            new MemInfoNumaCollector(),
            new NetClassCollector(options),
            new NetDevCollector(options),
            new NetStatCollector(options),
            new NvmeCollector(),
            new NfsCollector(),
            new NfsdCollector(),
            new NetworkRouteCollector(),
            new OsCollector(),
            new PowerSupplyCollector(),
            new PressureCollector(),
            new RaplCollector(),
            new ProcessesCollector(),
            new SchedStatCollector(),
            new SelinuxCollector(),
            new SlabInfoCollector(),
            new SockStatCollector(),
            new SoftnetCollector(),
            new StatCollector(),
            new TapeStatsCollector(),
            new TcpStatCollector(),
            new SysctlCollector(),
            new TextfileCollector(options),
            new ThermalZoneCollector(),
            new TimeCollector(time),
            new TimexCollector(),
            new UdpQueuesCollector(),
            new UnameCollector(),
            new VmStatCollector(options),
            new XfsCollector(),
            new ZoneInfoCollector(),
            new ZfsCollector(),
        ];
        Array.Sort(all, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return all;
    }
}
