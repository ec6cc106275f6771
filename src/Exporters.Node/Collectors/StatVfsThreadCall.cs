namespace Exporters.Node.Collectors;

/// <summary>A statvfs call waiting for a thread of <see cref="StatVfsThreads"/>, and where its result goes.</summary>
internal readonly record struct StatVfsThreadCall(StatVfsCall StatVfs, string Path, TaskCompletionSource<(bool Ok, StatVfsBuffer Stats)> Completion);
