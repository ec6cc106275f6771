using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ProcessesTests
{
    private const string Line = "7 (x) S 1 7 7 0 -1 4194560 2040 0 12 0 7 3 0 0 20 0 3 0 15 171749376 2916 18446744073709551615 1 1 0 0 0 0 671173123 4096 1260 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0";

    // Field numbers as proc(5) counts them (1 is the pid); node_exporter 1.5 printed the outcomes.
    [Theory]
    [InlineData(20, "+3", 3)]
    [InlineData(20, "0x10", 16)]
    [InlineData(20, "010", 8)]
    [InlineData(20, "1_0", 10)]
    [InlineData(16, "-5", 3)]
    [InlineData(38, "-1", 3)]
    [InlineData(39, "-1", 3)]
    [InlineData(42, "0abc", 3)]
    public void Fields_scan_as_go_scans_them(int field, string value, long threads)
    {
        Assert.Equal(("S", threads), ProcessStat.Parse(With(field, value)));
    }

    [Theory]
    [InlineData(4, "abc")]
    [InlineData(31, "abc")]
    [InlineData(31, "-1")]
    [InlineData(14, "-5")]
    [InlineData(22, "-5")]
    [InlineData(25, "-1")]
    [InlineData(20, "_3")]
    [InlineData(9, "+1")]
    public void Malformed_fields_fail(int field, string value)
    {
        Assert.Throws<FormatException>(() => ProcessStat.Parse(With(field, value)));
    }

    [Fact]
    public void A_comm_with_parentheses_and_spaces_ends_at_the_last_parenthesis()
    {
        Assert.Equal(("R", 3L), ProcessStat.Parse(Encoding.ASCII.GetBytes(Line.Replace("(x) S", "(my (odd) proc) R", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(24)]
    [InlineData(41)]
    public void A_line_cut_short_fails(int fields)
    {
        Assert.Throws<FormatException>(() => ProcessStat.Parse(Encoding.ASCII.GetBytes(string.Join(' ', Line.Split(' ')[..fields]))));
    }

    [Fact]
    public void Generated_lines_fail_only_as_malformed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PROCESSES_PROPERTY_SEED"), out var s) ? s : 4242;
        var random = new Random(seed);
        string[] pieces = ["0", "1", "-1", "+1", "0x", "0x1f", "0b2", "0o7", "08", "_", "1_", "(", ")", "S", " ", "\n", "18446744073709551616", "9223372036854775808", "-9223372036854775808", "é"];
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder("1 (a) ");
            var count = random.Next(60);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(4) == 0 ? "" : " ");
            }

            try
            {
                _ = ProcessStat.Parse(Encoding.UTF8.GetBytes(text.ToString()));
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, case {i}: {e.GetType().Name} {e.Message} for \"{text}\"");
            }
        }
    }

    private static byte[] With(int field, string value)
    {
        var fields = Line.Split(' ');
        fields[field - 1] = value;
        return Encoding.ASCII.GetBytes(string.Join(' ', fields));
    }
}
