namespace Exporters.NginxLog.Tailing;

/// <summary>What kind of file a path names: only a regular file is followed.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Other,
}
