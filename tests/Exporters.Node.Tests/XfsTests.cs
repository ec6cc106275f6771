using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class XfsTests
{
    private static readonly (byte[] Group, int Column)[] ReadCalls = [("rw"u8.ToArray(), 1)];

    [Fact]
    public void Counters_are_32_bit_but_the_extended_precision_ones()
    {
        var values = new ulong[1];
        XfsStats.Parse("rw 1 4294967295\nxpc 18446744073709551615 1 2\n"u8, ReadCalls, values);
        Assert.Equal(4294967295UL, values[0]);
        Assert.Throws<FormatException>(() => XfsStats.Parse("rw 1 4294967296\n"u8, ReadCalls, values));
        Assert.Throws<FormatException>(() => XfsStats.Parse("rw 1 +2\n"u8, ReadCalls, values));
    }

    [Fact]
    public void A_known_group_must_have_its_number_of_counters_and_an_unknown_one_only_numbers()
    {
        var values = new ulong[1];
        XfsStats.Parse("rmapbt_mem 1 2 3\nlonely\nvnodes 1 2 3 4 5 6 7\nrw 5 6\n"u8, ReadCalls, values);
        Assert.Equal(6UL, values[0]);
        Assert.Throws<FormatException>(() => XfsStats.Parse("rw 1 2 3\n"u8, ReadCalls, values));
        Assert.Throws<FormatException>(() => XfsStats.Parse("future 1 x\n"u8, ReadCalls, values));
    }
}
