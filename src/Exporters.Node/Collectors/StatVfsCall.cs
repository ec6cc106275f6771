namespace Exporters.Node.Collectors;

/// <summary>A statvfs(3) on a path: true with the filesystem's numbers, false when the call fails.</summary>
internal delegate bool StatVfsCall(string path, out StatVfsBuffer stats);
