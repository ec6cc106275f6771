using System.Net;

namespace Exporters.Merger.Upstreams;

/// <summary>The system's resolver (hosts file, DNS), as every other program on the machine sees names.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public static SystemHostResolver Instance { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
