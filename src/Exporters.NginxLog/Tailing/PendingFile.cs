using Microsoft.Win32.SafeHandles;

namespace Exporters.NginxLog.Tailing;

/// <summary>A file that took a followed path after the one being read, opened to be read next.</summary>
/// <param name="Handle">Opened as soon as it was noticed, so that a later rename or deletion cannot hide it.</param>
/// <param name="Identity">Its device and inode.</param>
internal readonly record struct PendingFile(SafeFileHandle Handle, FileIdentity Identity);
