namespace Exporters.NginxLog.Tailing;

/// <summary>Where reading of one path stopped, and in which file.</summary>
/// <param name="Path">The followed path.</param>
/// <param name="Identity">The file that was being read.</param>
/// <param name="Offset">The byte after the last complete line consumed.</param>
internal readonly record struct SavedPosition(string Path, FileIdentity Identity, long Offset);
