using System.Net;
using System.Net.Sockets;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger.Tests;

/// <summary>A resolver with fixed answers; a name it does not know fails as an unknown host does.</summary>
internal sealed class FakeResolver : IHostResolver
{
    private readonly Dictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public FakeResolver Add(string host, params string[] addresses)
    {
        _names[host] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
