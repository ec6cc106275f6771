using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// Turns a <c>dns+</c> upstream into one upstream per address of its host, each named by its own URL and
/// labelled <c>instance="ip:port"</c> (unless the upstream's labels set an instance already) and with that
/// address as its <see cref="Upstream.Replica"/>.
/// </summary>
internal sealed class ReplicaResolver
{
    private readonly IHostResolver _resolver;
    private readonly TimeProvider _time;

    public ReplicaResolver(IHostResolver resolver, TimeProvider time)
    {
        _resolver = resolver;
        _time = time;
    }

    public async Task<Discovery> ResolveAsync(Upstream upstream, TimeSpan timeout, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        IPAddress[] addresses;
        try
        {
            addresses = await _resolver.ResolveAsync(upstream.Url.IdnHost, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return Failed($"{upstream.Url.Host} did not resolve within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
        }
        catch (SocketException e)
        {
            return Failed($"cannot resolve {upstream.Url.Host}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            return Failed($"cannot resolve {upstream.Url.Host}: {e.Message}");
        }

        var replicas = new List<Upstream>(addresses.Length);
        var seen = new HashSet<IPAddress>();
        foreach (var found in addresses)
        {
            var address = found.IsIPv4MappedToIPv6 ? found.MapToIPv4() : found;
            if (seen.Add(address))
            {
                replicas.Add(Replica(upstream, address));
            }
        }

        return replicas.Count == 0
            ? Failed($"{upstream.Url.Host} has no addresses")
            : new Discovery(upstream, replicas, null, _time.GetElapsedTime(started));

        Discovery Failed(string reason) => new(upstream, [], reason, _time.GetElapsedTime(started));
    }

    /// <summary>The upstream of one address: the URL with the address for the host.</summary>
    public static Upstream Replica(Upstream upstream, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(address);
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var instance = string.Create(CultureInfo.InvariantCulture, $"{host}:{upstream.Url.Port}");
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{upstream.Url.Scheme}://{instance}{upstream.Url.PathAndQuery}"));
        return new Upstream(url, url.OriginalString, upstream.Labels.With("instance", instance), upstream.Timeout, Replica: instance);
    }
}
