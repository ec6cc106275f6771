namespace Exporters.Merger.Tests;

public sealed class ListenPortArgumentsTests
{
    [Fact]
    public void Listen_port_becomes_the_listen_address()
    {
        Assert.Equal(["--web.listen-address=:9000", "--listen-port=9000"], ListenPortArguments.Apply(["--listen-port=9000"], _ => null));
    }

    [Fact]
    public void Merger_port_variable_becomes_the_listen_address()
    {
        Assert.Equal(["--web.listen-address=:9001"], ListenPortArguments.Apply([], v => v == "MERGER_PORT" ? "9001" : null));
    }

    [Fact]
    public void An_explicit_listen_address_wins()
    {
        string[] args = ["--listen-port", "9000", "--web.listen-address=127.0.0.1:9002"];

        Assert.Equal(args, ListenPortArguments.Apply(args, _ => null));
    }

    [Fact]
    public void Verbose_means_debug_logging()
    {
        Assert.Equal(["--log.level=debug", "--verbose"], ListenPortArguments.Apply(["--verbose"], _ => null));
        Assert.Equal(["--log.level=debug"], ListenPortArguments.Apply([], v => v == "MERGER_VERBOSE" ? "true" : null));
    }
}
