using System.Text;
using Exporters.NginxLog.Parsing;

namespace Exporters.NginxLog.Tests.Parsing;

public sealed class ValueNumbersTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.000", 0.0)]
    [InlineData("0.012", 0.012)]
    [InlineData("12.5", 12.5)]
    [InlineData("3", 3.0)]
    [InlineData("123456.789", 123456.789)]
    [InlineData("0.1234567890123456789", 0.1234567890123456789)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("2E2", 200.0)]
    public void Parses_seconds(string text, double expected)
    {
        Assert.True(ValueNumbers.TryParseSeconds(Encoding.ASCII.GetBytes(text), out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1,5")]
    [InlineData("0.1s")]
    [InlineData("NaN")]
    [InlineData("1e999")]
    [InlineData(" 1")]
    public void Rejects_what_is_not_seconds(string text)
    {
        Assert.False(ValueNumbers.TryParseSeconds(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("0.012", 0.012)]
    [InlineData("0.012, 0.003 : 0.100", 0.115)]
    [InlineData("-, 0.003", 0.003)]
    [InlineData("0.5 : -", 0.5)]
    [InlineData("-, - : -", double.NaN)]
    public void Sums_upstream_times(string text, double expected)
    {
        Assert.True(ValueNumbers.TryParseSecondsList(Encoding.ASCII.GetBytes(text), out var sum));
        Assert.Equal(expected, sum, 9);
    }

    [Theory]
    [InlineData("0.1,0.2")]
    [InlineData("0.1 0.2")]
    [InlineData("0.1, ")]
    [InlineData("0.1 :0.2")]
    [InlineData("0.1,  0.2")]
    [InlineData(", 0.1")]
    [InlineData("x, 0.1")]
    public void Rejects_malformed_upstream_times(string text)
    {
        Assert.False(ValueNumbers.TryParseSecondsList(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("612", 612L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parses_counts(string text, long expected)
    {
        Assert.True(ValueNumbers.TryParseCount(Encoding.ASCII.GetBytes(text), out var count));
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("9223372036854775808")]
    [InlineData("12a")]
    public void Rejects_what_is_not_a_count(string text)
    {
        Assert.False(ValueNumbers.TryParseCount(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("200", true, 200)]
    [InlineData("499", true, 499)]
    [InlineData("20x", false, 0)]
    [InlineData("2 0", false, 0)]
    [InlineData("1234567890", false, 0)]
    [InlineData("", false, 0)]
    public void Parses_statuses(string text, bool ok, int expected)
    {
        Assert.Equal(ok, ValueNumbers.TryParseStatus(Encoding.ASCII.GetBytes(text), out var status));
        if (ok)
        {
            Assert.Equal(expected, status);
        }
    }
}
