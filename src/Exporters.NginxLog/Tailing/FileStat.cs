namespace Exporters.NginxLog.Tailing;

/// <summary>The little of statx(2) a tailer needs.</summary>
/// <param name="Identity">Device and inode.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="LinkCount">Hard links; 0 once the file was deleted while still open.</param>
/// <param name="Kind">Regular file, directory, FIFO, ...</param>
internal readonly record struct FileStat(FileIdentity Identity, long Size, uint LinkCount, FileKind Kind);
