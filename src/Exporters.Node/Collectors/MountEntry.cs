namespace Exporters.Node.Collectors;

/// <summary>One line of mountinfo: the device, filesystem type and mount point as the node sees them.</summary>
internal readonly record struct MountEntry(string Device, string FsType, string MountPoint, bool ReadOnly);
