namespace Exporters.Node.Collectors;

/// <summary>The node-wide counters of /proc/stat.</summary>
internal struct StatTotals
{
    public ulong BootTime;
    public ulong ContextSwitches;
    public ulong Interrupts;
    public ulong Forks;
    public ulong ProcsRunning;
    public ulong ProcsBlocked;
}
