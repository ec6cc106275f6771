using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Tests.Tailing;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.log", "access.log", true)]
    [InlineData("*.log", "access.log.1", false)]
    [InlineData("access?.log", "access1.log", true)]
    [InlineData("access?.log", "access.log", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("[ab]*.log", "b.log", true)]
    [InlineData("[!ab]*.log", "b.log", false)]
    [InlineData("[a-c]x", "cx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[abc", "[abc", true)]
    [InlineData("*", "", true)]
    public void Matches_like_a_shell(string pattern, string name, bool expected) =>
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, name));
}
