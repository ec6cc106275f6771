using Exporters.Core.Hosting;

namespace Exporters.Core.Tests;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":9113", null, 9113)]
    [InlineData("127.0.0.1:9100", "127.0.0.1", 9100)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("localhost:0", "localhost", 0)]
    public void Parses_go_listen_addresses(string text, string? host, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(host, address!.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("9113", "missing port")]
    [InlineData(":99999", "not a number from 0 to 65535")]
    [InlineData(":http", "not a number")]
    [InlineData("::1:80", "brackets")]
    [InlineData("[nothost]:80", "not an IPv6 address")]
    [InlineData("bad host:80", "not a host name")]
    public void Rejects_bad_addresses_with_a_reason(string text, string reason)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
