namespace Exporters.Node.Collectors;

/// <summary>
/// One per-op line of an NFS mount: requests, transmissions, major timeouts, bytes sent, bytes received,
/// queue, response and request milliseconds.
/// </summary>
internal readonly record struct NfsOperationStats(string Operation, ulong[] Values);
