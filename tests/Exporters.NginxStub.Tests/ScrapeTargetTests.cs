namespace Exporters.NginxStub.Tests;

public sealed class ScrapeTargetTests
{
    [Fact]
    public void Http_and_https_uris_are_requested_as_given()
    {
        Assert.True(ScrapeTarget.TryParse("https://nginx:8443/basic_status?x=1", out var target, out _));

        Assert.Equal(new Uri("https://nginx:8443/basic_status?x=1"), target!.RequestUri);
        Assert.Null(target.SocketPath);
    }

    [Theory]
    [InlineData("unix:/run/nginx.sock:/stub_status", "/run/nginx.sock", "/stub_status")]
    [InlineData("unix:/run/nginx.sock", "/run/nginx.sock", "/")]
    [InlineData("unix:/run/nginx.sock:/a/b?c=d", "/run/nginx.sock", "/a/b?c=d")]
    public void Unix_sockets_carry_the_socket_and_the_path(string text, string socket, string pathAndQuery)
    {
        Assert.True(ScrapeTarget.TryParse(text, out var target, out var error), error);

        Assert.Equal(socket, target!.SocketPath);
        Assert.Equal(pathAndQuery, target.RequestUri.PathAndQuery);
        Assert.Equal(text, target.Text);
    }

    [Theory]
    [InlineData("ftp://nginx/stub_status")]
    [InlineData("127.0.0.1:8080/stub_status")]
    [InlineData("/stub_status")]
    [InlineData("unix:relative.sock:/stub_status")]
    [InlineData("unix::/stub_status")]
    [InlineData("unix:/run/nginx.sock:stub_status")]
    [InlineData("http://")]
    public void Rejects_what_cannot_be_scraped(string text)
    {
        Assert.False(ScrapeTarget.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
