using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class SysctlTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("-1", -1)]
    [InlineData("+8", 8)]
    [InlineData("0", 0)]
    [InlineData("017", 15)]
    [InlineData("0x1F", 31)]
    [InlineData("0b101", 5)]
    [InlineData("0o17", 15)]
    [InlineData("1_000", 1000)]
    [InlineData("0x_1f", 31)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Numbers_are_read_as_go_integer_literals(string text, long expected)
    {
        Assert.Equal(expected, SysctlValues.ParseInteger(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("1.5")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999")]
    public void Other_text_is_malformed(string text)
    {
        Assert.Throws<FormatException>(() => SysctlValues.ParseInteger(text));
    }

    [Fact]
    public void Only_the_first_128_bytes_are_read_and_split_at_white_space()
    {
        var file = System.Text.Encoding.ASCII.GetBytes(" a\tb\vc\n" + new string('x', 200));
        var fields = SysctlValues.Fields(file);
        Assert.Equal(["a", "b", "c", new string('x', 128 - 7)], fields);
    }

    [Fact]
    public void Metric_names_take_one_underscore_for_each_run_of_other_characters()
    {
        Assert.Equal("net_ipv4_conf_eth0_1_rp_filter", SysctlEntry.Sanitize("net.ipv4.conf.eth0/1.rp_filter"));
        Assert.Equal("fs_file_nr", SysctlEntry.Sanitize("fs.file-nr"));
        Assert.Equal("a_b", SysctlEntry.Sanitize("a__.__b"));
    }
}
