using System.Text;

namespace Exporters.NginxStub.Tests;

public sealed class StubStatusParserTests
{
    /// <summary>Exactly what nginx 1.22 writes: trailing spaces on lines 1, 3 and 4, a leading space on line 3.</summary>
    private const string Nginx = "Active connections: 291 \nserver accepts handled requests\n 16630948 16630947 31070465 \nReading: 6 Writing: 179 Waiting: 106 \n";

    [Fact]
    public void Parses_the_page_nginx_writes()
    {
        var status = Parse(Nginx);

        Assert.Equal(new StubStatus(291, 16630948, 16630947, 31070465, 6, 179, 106), status);
    }

    [Fact]
    public void Accepts_tengines_fourth_number()
    {
        var status = Parse("Active connections: 1 \nserver accepts handled requests request_time\n 10 10 20 12345 \nReading: 0 Writing: 1 Waiting: 0 \n");

        Assert.Equal(new StubStatus(1, 10, 10, 20, 0, 1, 0), status);
    }

    [Fact]
    public void Accepts_crlf_and_a_missing_final_newline()
    {
        var status = Parse("Active connections: 2\r\nserver accepts handled requests\r\n 3 4 5\r\nReading: 6 Writing: 7 Waiting: 8");

        Assert.Equal(new StubStatus(2, 3, 4, 5, 6, 7, 8), status);
    }

    [Fact]
    public void Accepts_the_largest_64_bit_counters()
    {
        var status = Parse(Nginx.Replace("31070465", "18446744073709551615", StringComparison.Ordinal));

        Assert.Equal(ulong.MaxValue, status.Requests);
    }

    [Theory]
    [InlineData("", "line 1: expected \"Active connections:\"")]
    [InlineData("<html><body>Welcome to nginx!</body></html>\n", "line 1: expected \"Active connections:\"")]
    [InlineData("Active connections: 1 \n", "line 2: expected \"server accepts handled requests\"")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n", "line 3: expected a number")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 2 3 \n", "line 4: expected \"Reading: N Writing: N Waiting: N\"")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 2 3 \nReading: 0 Writing: 1\n", "line 4: expected \"Reading: N Writing: N Waiting: N\"")]
    [InlineData("Active connections: x \n", "line 1: expected a number")]
    [InlineData("Active connections: -1 \n", "line 1: expected a number")]
    [InlineData("Active connections: 1.5 \n", "line 1: unexpected text after the last number")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 two 3 \nReading: 0 Writing: 1 Waiting: 0\n", "line 3: expected a number")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 2 \nReading: 0 Writing: 1 Waiting: 0\n", "line 3: expected a number")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 2 3 4 5 \nReading: 0 Writing: 1 Waiting: 0\n", "line 3: unexpected text after the last number")]
    [InlineData("Active connections: 18446744073709551616 \n", "line 1: number out of range")]
    [InlineData("Active connections: 1 \nserver accepts handled requests\n 1 2 3 \nReading: 0 Writing: 1 Waiting: 0 extra\n", "line 4: unexpected text after the last number")]
    public void Rejects_what_is_not_a_stub_status_page(string page, string expected)
    {
        Assert.False(StubStatusParser.TryParse(Encoding.ASCII.GetBytes(page), out var status, out var error));

        Assert.Equal(expected, error);
        Assert.Equal(default, status);
    }

    private static StubStatus Parse(string page)
    {
        Assert.True(StubStatusParser.TryParse(Encoding.ASCII.GetBytes(page), out var status, out var error), error);
        return status;
    }
}
