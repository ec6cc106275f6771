namespace Exporters.Node;

/// <summary>The roots of procfs, sysfs and the root filesystem (--path.*), so tests can point them at fixtures.</summary>
internal sealed class NodePaths
{
    public NodePaths(string procFs, string sysFs, string rootFs)
    {
        ProcFs = procFs;
        SysFs = sysFs;
        RootFs = rootFs;
    }

    public string ProcFs { get; }

    public string SysFs { get; }

    public string RootFs { get; }

    public string Proc(string relative) => Path.Combine(ProcFs, relative);

    public string Sys(string relative) => Path.Combine(SysFs, relative);

    /// <summary>A mount point as seen from this process: under --path.rootfs.</summary>
    public string Root(string mountPoint) =>
        RootFs == "/" ? mountPoint : Path.Join(RootFs, mountPoint);

    /// <summary>A mount point as the node sees it: with --path.rootfs taken off.</summary>
    public string StripRoot(string path)
    {
        if (RootFs == "/" || !path.StartsWith(RootFs, StringComparison.Ordinal))
        {
            return path;
        }

        var rest = path[RootFs.TrimEnd('/').Length..];
        return rest.Length == 0 ? "/" : rest;
    }
}
