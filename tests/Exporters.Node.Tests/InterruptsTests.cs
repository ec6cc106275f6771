using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class InterruptsTests
{
    [Fact]
    public void Odd_lines_are_read_as_node_exporter_reads_them()
    {
        // node_exporter 1.5 over the same file gave these samples (then failed on "info").
        var text = Fixtures.Render("  CPU0 CPU1\nXYZ: 1 2\n 7: 8 9\n 8: 1 2 x\nINF: inf 1e3 z\nA: 1 2 x\nA: 3 4 y\n"u8, InterruptsCollector.Write);
        Assert.Equal(
            "# HELP node_interrupts_total Interrupt details.\n# TYPE node_interrupts_total counter\n"
            + "node_interrupts_total{cpu=\"0\",devices=\"\",info=\"x\",type=\"8\"} 1\n"
            + "node_interrupts_total{cpu=\"0\",devices=\"\",info=\"y\",type=\"A\"} 3\n"
            + "node_interrupts_total{cpu=\"0\",devices=\"\",info=\"z\",type=\"INF\"} +Inf\n"
            + "node_interrupts_total{cpu=\"1\",devices=\"\",info=\"x\",type=\"8\"} 2\n"
            + "node_interrupts_total{cpu=\"1\",devices=\"\",info=\"y\",type=\"A\"} 4\n"
            + "node_interrupts_total{cpu=\"1\",devices=\"\",info=\"z\",type=\"INF\"} 1000\n",
            text);
    }

    [Fact]
    public void An_empty_file_is_malformed()
    {
        Assert.Throws<FormatException>(() => Fixtures.Render(""u8, InterruptsCollector.Write));
    }

    [Theory]
    [InlineData("12", 12d)]
    [InlineData("-1.5e3", -1500d)]
    [InlineData(".5", 0.5d)]
    [InlineData("5.", 5d)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-infinity", double.NegativeInfinity)]
    public void Numbers_parse_as_in_go(string text, double expected)
    {
        Assert.Equal(expected, GoFloat.Parse(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("0x10")]
    [InlineData("1_0")]
    [InlineData("1e400")]
    [InlineData("+nan")]
    [InlineData("1e")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData(" 1")]
    public void Other_text_is_not_a_number(string text)
    {
        Assert.Throws<FormatException>(() => GoFloat.Parse(Encoding.ASCII.GetBytes(text)));
    }
}
