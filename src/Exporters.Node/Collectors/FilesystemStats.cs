namespace Exporters.Node.Collectors;

/// <summary>What statfs says about one mount; <see cref="Error"/> when it failed or has not returned.</summary>
internal readonly record struct FilesystemStats(MountEntry Mount, bool Error, double Size, double Free, double Avail, double Files, double FilesFree);
