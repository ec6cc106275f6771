namespace Exporters.NginxLog.Tailing;

/// <summary>A snapshot of one followed file, for the exporter's own metrics.</summary>
/// <param name="Path">The path as configured or matched by a glob.</param>
/// <param name="Offset">Bytes of the current file consumed (up to the last complete line).</param>
/// <param name="Size">The current file's size at the last check.</param>
/// <param name="LinesRead">Lines delivered to the sink from this path, across rotations.</param>
/// <param name="BytesRead">Bytes read from this path, across rotations.</param>
/// <param name="Rotations">Renames, truncations and re-creations seen at this path.</param>
internal readonly record struct FileStatus(string Path, long Offset, long Size, long LinesRead, long BytesRead, long Rotations);
