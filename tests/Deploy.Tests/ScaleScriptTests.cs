using Exporters.Testing;

namespace Deploy.Tests;

/// <summary>deploy/scale.sh refuses anything but 1 to 10 before it calls docker.</summary>
public sealed class ScaleScriptTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("2.5")]
    public async Task RefusesAReplicaCountOutsideOneToTen(string count)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "deploy", "scale.sh"), count]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 to 10", line, StringComparison.Ordinal);
        Assert.Contains(count, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesNoArgument()
    {
        var (exit, _, stderr) = await ChildProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "deploy", "scale.sh")]);
        Assert.Equal(2, exit);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
