using System.Net;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger.Tests;

public sealed class ReplicaResolverTests
{
    private static readonly Upstream ServiceA = new(new Uri("http://service-a:8080/metrics?x=1"), "dns+http://service-a:8080/metrics?x=1", UpstreamLabels.Empty, TimeSpan.FromSeconds(5), Discover: true);

    [Fact]
    public async Task Every_distinct_address_is_a_replica_named_by_its_url_with_an_instance_label()
    {
        var resolver = new FakeResolver().Add("service-a", "10.0.0.1", "10.0.0.2", "::ffff:10.0.0.1", "fd00::7");

        var discovery = await new ReplicaResolver(resolver, TimeProvider.System).ResolveAsync(ServiceA, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Null(discovery.Error);
        Assert.Equal(
            ["http://10.0.0.1:8080/metrics?x=1", "http://10.0.0.2:8080/metrics?x=1", "http://[fd00::7]:8080/metrics?x=1"],
            discovery.Replicas.Select(r => r.Name));
        Assert.Equal(["10.0.0.1:8080", "10.0.0.2:8080", "[fd00::7]:8080"], discovery.Replicas.Select(Instance));
        Assert.All(discovery.Replicas, r => Assert.False(r.Discover));
        Assert.All(discovery.Replicas, r => Assert.Equal(r.Name, r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task An_unknown_name_is_an_error_without_replicas()
    {
        var discovery = await new ReplicaResolver(new FakeResolver(), TimeProvider.System).ResolveAsync(ServiceA, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Contains("cannot resolve service-a", discovery.Error, StringComparison.Ordinal);
        Assert.Empty(discovery.Replicas);
    }

    [Fact]
    public async Task A_name_without_addresses_is_an_error()
    {
        var resolver = new FakeResolver().Add("service-a");

        var discovery = await new ReplicaResolver(resolver, TimeProvider.System).ResolveAsync(ServiceA, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Contains("has no addresses", discovery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_label_of_the_configuration_is_kept()
    {
        var upstream = ServiceA with { Labels = UpstreamLabels.Create([new("job", "app"), new("instance", "fixed")]) };

        var replica = ReplicaResolver.Replica(upstream, IPAddress.Parse("10.0.0.9"));

        Assert.Equal("fixed", Instance(replica));
        Assert.Equal("http://10.0.0.9:8080/metrics?x=1", replica.Name);
    }

    [Fact]
    public void Dns_urls_are_accepted_and_marked_for_discovery()
    {
        var upstreams = UpstreamConfig.Load(["dns+http://service-a:8080/metrics", "http://b:9100/metrics"], "", TimeSpan.FromSeconds(10));

        Assert.True(upstreams[0].Discover);
        Assert.Equal("dns+http://service-a:8080/metrics", upstreams[0].Name);
        Assert.Equal("http://service-a:8080/metrics", upstreams[0].Url.AbsoluteUri);
        Assert.False(upstreams[1].Discover);
    }

    private static string Instance(Upstream upstream)
    {
        for (var i = 0; i < upstream.Labels.Count; i++)
        {
            if (upstream.Labels.Names[i].AsSpan().SequenceEqual("instance"u8))
            {
                return System.Text.Encoding.UTF8.GetString(upstream.Labels.Values[i]);
            }
        }

        return "";
    }
}
