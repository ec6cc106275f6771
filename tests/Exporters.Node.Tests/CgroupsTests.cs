using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class CgroupsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("+17", 17L)]
    [InlineData("-3", -3L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Numbers_are_decimal_with_an_optional_sign(string text, long expected)
    {
        Assert.Equal(expected, CgroupsCollector.ParseInt(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("+-1")]
    [InlineData("--1")]
    [InlineData("1x")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999")]
    public void Other_numbers_are_malformed(string text)
    {
        Assert.Throws<FormatException>(() => CgroupsCollector.ParseInt(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Comments_are_skipped_wherever_they_are()
    {
        var subsystems = CgroupsCollector.Parse("cpu 1 3 1\n#subsys_name hierarchy num_cgroups enabled\nmemory 4 14 0\n"u8);
        Assert.Equal([("cpu", 3L, 1L), ("memory", 14L, 0L)], subsystems);
    }

    [Fact]
    public void Any_input_parses_or_is_malformed()
    {
        var seed = Environment.GetEnvironmentVariable("CGROUPS_PROPERTY_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 4242;
        var random = new Random(seed);
        var alphabet = "#-+0123456789 \t\r\nabc"u8.ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var input = new byte[random.Next(0, 60)];
            for (var j = 0; j < input.Length; j++)
            {
                input[j] = random.Next(8) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                _ = Fixtures.Render(w => CgroupsCollector.Write(CgroupsCollector.Parse(input), w));
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, input {Convert.ToHexString(input)}: {e}");
            }
        }
    }
}
