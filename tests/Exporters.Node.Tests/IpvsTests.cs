using Exporters.Core.Configuration;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class IpvsTests
{
    [Theory]
    [InlineData("local_address,local_port,remote_address,remote_port,proto,local_mark", "local_address,local_port,remote_address,remote_port,proto,local_mark")]
    [InlineData("remote_port,local_address,,remote_port", "local_address,remote_port")]
    [InlineData("", "")]
    public void Backend_labels_are_taken_in_node_exporters_order_each_once(string flag, string expected) =>
        Assert.Equal(expected, string.Join(',', IpvsCollector.ParseLabels(flag)));

    [Fact]
    public void An_unknown_backend_label_is_refused_at_start_naming_every_unknown_one()
    {
        var error = Assert.Throws<UsageException>(() => IpvsCollector.ParseLabels("proto,zone,Proto"));
        Assert.Contains("\"Proto, zone\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2620:0000:0000:0000:0000:0000:0000:0001", "2620::1")]
    [InlineData("fe80:0000:0000:0001:0000:0000:0000:0000", "fe80:0:0:1::")]
    [InlineData("0000:0000:0000:0000:0000:ffff:c0a8:0001", "192.168.0.1")]
    [InlineData("2001:0db8:0000:0001:0000:0001:0000:0001", "2001:db8:0:1:0:1:0:1")]
    [InlineData("0000:0000:0000:0000:0000:0000:0000:0000", "::")]
    public void Ipv6_addresses_are_written_as_go_writes_them(string address, string expected) =>
        Assert.Equal(expected, IpvsParser.GoAddress(System.Net.IPAddress.Parse(address).GetAddressBytes()));

    [Fact]
    public void A_service_line_with_an_address_of_another_length_is_malformed() =>
        Assert.Throws<FormatException>(() => IpvsParser.Backends("TCP  C0A8016:0CEA wlc\n"u8));

    [Fact]
    public void Ip_vs_stats_needs_a_newline_after_its_totals() =>
        Assert.Throws<FormatException>(() => IpvsParser.Stats("a\nb\n 1 2 3 4 5"u8));
}
