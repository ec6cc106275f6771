using Exporters.Core.Configuration;

namespace Exporters.Core.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("0", 0)]
    [InlineData("1500us", 1.5)]
    [InlineData("-2s", -2_000)]
    public void Parses_go_durations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("1.2.3s")]
    [InlineData("99999999999999h")]
    public void Rejects_what_go_rejects(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(5_000, "5s")]
    [InlineData(250, "250ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Formats_like_go(double milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
