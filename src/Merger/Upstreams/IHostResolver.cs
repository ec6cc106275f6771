using System.Net;

namespace Exporters.Merger.Upstreams;

/// <summary>Resolves a host name to its addresses (A and AAAA records).</summary>
internal interface IHostResolver
{
    /// <exception cref="System.Net.Sockets.SocketException">The name does not resolve.</exception>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
