namespace Exporters.Node.Collectors;

/// <summary>The statistics of one NFS mount in mountstats, with its place among all the file's mounts.</summary>
internal sealed class NfsMountStats
{
    public NfsMountStats(int index, string export)
    {
        Index = index;
        Export = export;
    }

    /// <summary>Which device line of the file this mount is (from 0), as mountinfo lists the same mounts in the same order.</summary>
    public int Index { get; }

    public string Export { get; }

    /// <summary>The RPC transport (tcp, udp); empty when the mount has no xprt line.</summary>
    public string Protocol { get; set; } = "";

    public double AgeSeconds { get; set; }

    /// <summary>The bytes line: read, write, direct read, direct write, read total, write total, read pages, write pages.</summary>
    public ulong[] Bytes { get; } = new ulong[8];

    /// <summary>The events line's 27 counters in the kernel's order.</summary>
    public ulong[] Events { get; } = new ulong[27];

    /// <summary>The xprt line as a tcp transport has it (a udp transport's missing connect, connect time and idle time are 0).</summary>
    public ulong[] Transport { get; } = new ulong[13];

    public List<NfsOperationStats> Operations { get; } = [];
}
