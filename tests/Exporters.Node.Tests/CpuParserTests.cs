using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

/// <summary>The parsers of /proc/cpuinfo, the kernel's CPU lists and cpufreq's frequency files.</summary>
public sealed class CpuParserTests
{
    [Theory]
    [InlineData("1,3-5,10\n", "1 3 4 5 10")]
    [InlineData("\n", "")]
    [InlineData("", "")]
    [InlineData("0-2,,7", "0 1 2 7")]
    public void Cpu_lists_expand_their_ranges(string text, string cpus) =>
        Assert.Equal(cpus, string.Join(' ', CpuRange.Parse(Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("1-2-3")]
    [InlineData("a")]
    [InlineData("1-")]
    public void Bad_cpu_lists_are_malformed(string text) =>
        Assert.Throws<FormatException>(() => CpuRange.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Cpuinfo_numbers_take_gos_base_prefixes_and_values_keep_their_text()
    {
        var info = CpuInfo.Parse("\nprocessor\t: 0x1\nmodel name\t: A  B \nflags\t\t: fpu  sse\n\nprocessor\t: 2\n"u8);
        Assert.Equal(2, info.Count);
        Assert.Equal("1", info[0].Cpu);
        Assert.Equal("A  B ", info[0].ModelName);
        Assert.Equal(["fpu", "sse"], info[0].Flags);
        Assert.Equal("2", info[1].Cpu);
        Assert.Equal("", info[1].ModelName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("vendor_id\t: x\n")]
    [InlineData("processor\t:\n")]
    [InlineData("processor\t: 0\ncpu MHz\t\t: fast\n")]
    [InlineData("processor\t: 0\nsiblings\t: -1\n")]
    public void Bad_cpuinfo_is_malformed(string text) =>
        Assert.Throws<FormatException>(() => CpuInfo.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parsers_fail_only_with_format_exceptions_on_any_input()
    {
        var random = new Random(20240611);
        var alphabet = "processor: 0x1-,\t\nflagsbugcpu MHz9.5 ".ToCharArray();
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var bytes = Encoding.UTF8.GetBytes(chars);
            Try(() => CpuInfo.Parse(bytes));
            Try(() => CpuRange.Parse(bytes));
            Try(() => CpuFreqCollector.ParseKilohertz(bytes));
        }

        static void Try(Action parse)
        {
            try
            {
                parse();
            }
            catch (FormatException)
            {
            }
        }
    }
}
