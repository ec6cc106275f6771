using System.Net;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class GoAddressTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:0:0:1::", "2001:db8:0:0:1::")]
    [InlineData("2001:db8::1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("fe80::abcd:ef01", "fe80::abcd:ef01")]
    public void Addresses_are_spelled_as_go_spells_them(string address, string expected)
    {
        Assert.Equal(expected, GoAddress.Format(IPAddress.Parse(address).GetAddressBytes()));
    }

    [Fact]
    public void Prefixes_are_spelled_as_go_spells_them()
    {
        Assert.Equal("default", GoAddress.Prefix([], 0));
        Assert.Equal("10.0.0.0/8", GoAddress.Prefix([10, 0, 0, 0], 8));
        Assert.Equal("<nil>", GoAddress.Prefix([], 8));
        Assert.Equal("<nil>", GoAddress.Prefix([10, 0, 0, 0], 40));
        Assert.Equal("fd00::/64", GoAddress.Prefix(IPAddress.Parse("fd00::").GetAddressBytes(), 64));
        Assert.Equal("?0102", GoAddress.Format([1, 2]));
    }
}
