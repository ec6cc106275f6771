using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class SysAttributeTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("42", 42UL)]
    [InlineData("0x1F", 31UL)]
    [InlineData("0X1f", 31UL)]
    [InlineData("017", 15UL)]
    [InlineData("0o17", 15UL)]
    [InlineData("0b101", 5UL)]
    [InlineData("00", 0UL)]
    [InlineData("0_1", 1UL)]
    [InlineData("0x_1_0", 16UL)]
    [InlineData("1_000", 1000UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Unsigned_numbers_are_read_as_go_reads_them_with_base_0(string text, ulong expected)
    {
        Assert.True(SysAttribute.TryParseUnsigned(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("_1")]
    [InlineData("0x1__0")]
    [InlineData("0x10_")]
    [InlineData("18446744073709551616")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1 2")]
    [InlineData("eighty")]
    public void Other_text_is_no_unsigned_number(string text)
    {
        Assert.False(SysAttribute.TryParseUnsigned(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("-45", -45L)]
    [InlineData("+7", 7L)]
    [InlineData("-0x10", -16L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Signed_numbers_take_a_sign(string text, long expected)
    {
        Assert.True(SysAttribute.TryParseSigned(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("--1")]
    [InlineData("-")]
    public void Signed_numbers_out_of_range_are_refused(string text)
    {
        Assert.False(SysAttribute.TryParseSigned(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Decimal_numbers_take_digits_only()
    {
        Assert.True(SysAttribute.TryParseDecimal("0012"u8, out var value));
        Assert.Equal(12UL, value);
        Assert.False(SysAttribute.TryParseDecimal("0x12"u8, out _));
        Assert.False(SysAttribute.TryParseDecimal(""u8, out _));
        Assert.False(SysAttribute.TryParseDecimal("18446744073709551616"u8, out _));
    }

    /// <summary>Many generated inputs: the parsers never throw, and agree with .NET on plain decimal numbers.</summary>
    [Fact]
    public void Parsers_never_throw_and_agree_on_decimals()
    {
        var random = new Random(5150);
        const string alphabet = "0123456789xXobOB_+- abcdefgh\n";
        var buffer = new byte[24];
        for (var i = 0; i < 20000; i++)
        {
            var length = random.Next(buffer.Length);
            for (var j = 0; j < length; j++)
            {
                buffer[j] = (byte)alphabet[random.Next(alphabet.Length)];
            }

            var text = buffer.AsSpan(0, length);
            var signed = SysAttribute.TryParseSigned(text, out _);
            var unsigned = SysAttribute.TryParseUnsigned(text, out var value);
            var plain = SysAttribute.TryParseDecimal(text, out var decimalValue);
            if (plain)
            {
                Assert.Equal(ulong.Parse(Encoding.ASCII.GetString(text), NumberStyles.None, CultureInfo.InvariantCulture), decimalValue);
                if (text.Length == 1 || text[0] != '0')
                {
                    Assert.True(unsigned);
                    Assert.Equal(decimalValue, value);
                }
            }

            if (unsigned && value <= long.MaxValue)
            {
                Assert.True(signed);
            }
        }
    }

    [Theory]
    [InlineData("package-0", 0, "package")]
    [InlineData("package-12", 12, "package")]
    [InlineData("dram", 2, "dram")]
    [InlineData("dram-x", 0, "dram-x")]
    [InlineData("a-1-2", 0, "a-1-2")]
    public void Rapl_zones_take_their_index_from_the_name_or_the_count(string text, int index, string name)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal) { ["dram"] = 2 };
        Assert.Equal((index, name), RaplZone.IndexAndName(used, text));
    }

    [Theory]
    [InlineData("package_joules_total", "package_joules_total")]
    [InlineData("Some Zone.x_joules_total", "Some_Zone_x_joules_total")]
    [InlineData("a_-_b", "a_b")]
    [InlineData("dram-x_joules_total", "dram_x_joules_total")]
    public void Rapl_family_names_are_sanitized(string name, string expected)
    {
        Assert.Equal(expected, RaplCollector.Sanitize(name));
    }

    [Theory]
    [InlineData("st0", true)]
    [InlineData("st12", true)]
    [InlineData("nst0", false)]
    [InlineData("st0a", false)]
    [InlineData("st", false)]
    public void Only_st_and_digits_are_tapes(string name, bool expected)
    {
        Assert.Equal(expected, TapeStatsCollector.IsTape(name));
    }

    [Fact]
    public void Info_samples_are_ordered_by_label_count_then_values()
    {
        var few = LabelSet.Create([new("power_supply", "z")]);
        var b = LabelSet.Create([new("a", "x"), new("power_supply", "b")]);
        var a = LabelSet.Create([new("model", "x"), new("power_supply", "a")]);
        var sets = new List<LabelSet> { b, a, few };
        sets.Sort(InfoOrder.Compare);
        Assert.Equal([few, a, b], sets);
    }
}
