using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ZfsTests
{
    [Theory]
    [InlineData("0", 0d)]
    [InlineData("18446744073709551615", 18446744073709551615d)]
    public void A_value_is_any_unsigned_64_bit_number(string text, double expected)
    {
        Assert.Equal(expected, ZfsKstat.ParseValue("x"u8, Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("")]
    public void Anything_else_is_malformed(string text)
    {
        Assert.Throws<FormatException>(() => ZfsKstat.ParseValue("x"u8, Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void A_table_without_its_header_is_malformed()
    {
        Assert.Throws<FormatException>(() => ZfsObjset.Parse("6 1 0x01 91 4368 5266997922 97951858082072\nhits 4 1\n"u8));
    }

    [Fact]
    public void An_io_line_shorter_than_the_header_is_malformed()
    {
        var io = new List<(string, double)>();
        Assert.Throws<FormatException>(() => ZfsKstat.ParseIo("nread nwritten reads writes wtime wlentime wupdate rtime rlentime rupdate wcnt rcnt\n1 2 3\n"u8, io));
    }

    [Theory]
    [InlineData("ONLINE\n", "online", true)]
    [InlineData("Online\r\n", "online", true)]
    [InlineData("online \n", "online", false)]
    [InlineData("", "online", false)]
    [InlineData("DEGRADED\nONLINE\n", "online", false)]
    public void A_state_is_the_first_line_whatever_its_case(string text, string state, bool expected)
    {
        Assert.Equal(expected, ZfsKstat.IsState(Encoding.ASCII.GetBytes(text), state));
    }

    [Fact]
    public void Generated_tables_fail_only_as_malformed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ZFS_PROPERTY_SEED"), out var s) ? s : 5150;
        var random = new Random(seed);
        string[] pieces = ["name", "type", "data", "4", "7", "3", "dataset_name", "hits", "erpt-dropped", "0", "18446744073709551615", "-1", "x.y", " ", "  ", "\t", "\n", "\r\n", "é", "nread"];
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder("name type data\n");
            var count = random.Next(40);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? "\n" : " ");
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            try
            {
                _ = ZfsObjset.Parse(bytes);
                ZfsKstat.ParseIo(bytes, []);
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
}
