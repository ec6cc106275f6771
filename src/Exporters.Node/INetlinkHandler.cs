namespace Exporters.Node;

/// <summary>Takes the messages of a netlink dump one by one, as they arrive.</summary>
internal interface INetlinkHandler
{
    /// <param name="type">The message's type (e.g. RTM_NEWROUTE).</param>
    /// <param name="payload">The message after its 16-byte header.</param>
    /// <exception cref="FormatException">The message is malformed.</exception>
    void Message(ushort type, ReadOnlySpan<byte> payload);
}
