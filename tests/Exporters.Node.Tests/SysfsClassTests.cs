using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

/// <summary>The parsers of the bonding, btrfs, bcache, infiniband and fibrechannel collectors, on edges the oracle cases do not reach.</summary>
public sealed class SysfsClassTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("1234", 1234UL)]
    [InlineData("0x1f", 31UL)]
    [InlineData("0X1F", 31UL)]
    [InlineData("0o17", 15UL)]
    [InlineData("017", 15UL)]
    [InlineData("0b101", 5UL)]
    [InlineData("1_000", 1000UL)]
    [InlineData("0x_ff", 255UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Sysfs_numbers_take_their_base_from_their_prefix(string text, ulong expected)
    {
        Assert.True(SysfsNumber.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("08")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1__0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("12 ")]
    [InlineData("N/A (no PMA)")]
    [InlineData("0x10000000000000000")]
    [InlineData("18446744073709551616")]
    public void Other_text_is_not_a_sysfs_number(string text)
    {
        Assert.False(SysfsNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("4096", 4096UL)]
    [InlineData("12abc", 0UL)]
    [InlineData("-5", 0UL)]
    [InlineData("", 0UL)]
    [InlineData("99999999999999999999", ulong.MaxValue)]
    public void Btrfs_values_that_are_not_whole_numbers_read_as_zero(string text, ulong expected)
    {
        Assert.Equal(expected, BtrfsReader.ParseValue(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("raid5", 4, 4 / 3.0)]
    [InlineData("raid6", 4, 2.0)]
    [InlineData("raid10", 4, 2.0)]
    [InlineData("single", 1, 1.0)]
    [InlineData("raid1c3", 3, 0.0)]
    public void Btrfs_layouts_have_node_exporters_ratios(string layout, int devices, double expected)
    {
        Assert.Equal(expected, BtrfsReader.Ratio(layout, devices));
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("512", 512UL)]
    [InlineData("6.5k", 6644UL)]
    [InlineData("2.5M", 2609152UL)]
    [InlineData("1.0T", 1099511627776UL)]
    [InlineData("7Q", 0UL)]
    public void Bcache_human_numbers_count_tenths_of_1024(string text, ulong expected)
    {
        Assert.Equal(expected, BcacheValues.Dehumanize(text));
    }

    [Fact]
    public void Bcache_signed_numbers_keep_their_minus()
    {
        Assert.Equal(-1524, BcacheValues.DehumanizeSigned("-1.5k"));
        Assert.Equal(0, BcacheValues.DehumanizeSigned("0.0k"));
    }

    [Fact]
    public void A_bcache_file_loses_its_last_byte_and_an_empty_one_is_malformed()
    {
        Assert.Equal(12UL, BcacheValues.ParseFile("123"u8));
        Assert.Equal(123UL, BcacheValues.ParseFile("123\n"u8));
        Assert.Throws<FormatException>(() => BcacheValues.ParseFile(""u8));
        Assert.Throws<FormatException>(() => BcacheValues.ParseFile("\n"u8));
        Assert.Throws<FormatException>(() => BcacheValues.ParseFile("deep\n"u8));
    }

    [Fact]
    public void Bcache_writeback_rate_debug_gives_the_rate_target_and_terms()
    {
        var debug = BcacheCollector.ParseWritebackRateDebug("rate:\t\t4.0k/sec\ndirty:\t\t1.1M\ntarget:\t\t36.7G\nproportional:\t-920.7M\nintegral:\t-17.1M\nchange:\t\t0.0k/sec\nnext io:\t-7969ms\n");
        Assert.Equal(4096, debug.Rate);
        Assert.Equal(-965406720, debug.Proportional);
        Assert.Throws<FormatException>(() => BcacheCollector.ParseWritebackRateDebug("rate:\n"));
        Assert.Throws<FormatException>(() => BcacheCollector.ParseWritebackRateDebug("next io:\tsoon\n"));
    }

    [Fact]
    public void Bcache_priority_stats_give_unused_and_metadata_percentages()
    {
        Assert.Equal((99UL, 1UL), BcacheCollector.ParsePriorityStats("Unused:\t\t99%\nClean:\t\t1%\nMetadata:\t1%\nQuantiles:\t[1 2]\n"));
        Assert.Throws<FormatException>(() => BcacheCollector.ParsePriorityStats("Unused:\n"));
    }

    [Theory]
    [InlineData("4: ACTIVE\n", 4U)]
    [InlineData(" 5 : LinkUp", 5U)]
    public void Infiniband_states_are_the_number_before_the_colon(string text, uint expected)
    {
        Assert.Equal(expected, InfiniBandCollector.ParseState(text));
    }

    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("4: ACTIVE: again")]
    [InlineData("x: ACTIVE")]
    public void Other_infiniband_states_are_malformed(string text)
    {
        Assert.Throws<FormatException>(() => InfiniBandCollector.ParseState(text));
    }

    [Theory]
    [InlineData("100 Gb/sec (4X EDR)\n", 12500000000UL)]
    [InlineData("2.5 Gb/sec (1X SDR)", 312500000UL)]
    [InlineData("13.64 Gb/sec (1X FDR10)", 1705000042UL)]
    public void Infiniband_rates_are_single_precision_gigabits_in_bytes(string text, ulong expected)
    {
        Assert.Equal(expected, InfiniBandCollector.ParseRate(text));
    }

    [Fact]
    public void Infiniband_counters_without_performance_management_are_left_out()
    {
        Assert.Null(InfiniBandCollector.ParseCounter("N/A (no PMA)", lanes: false));
        Assert.Equal(40UL, InfiniBandCollector.ParseCounter("10", lanes: true));
        Assert.Throws<FormatException>(() => InfiniBandCollector.ParseCounter("lots", lanes: false));
    }

    [Fact]
    public void Bonding_states_are_up_with_blanks_around()
    {
        Assert.True(BondingCollector.IsUp(" up \n"));
        Assert.False(BondingCollector.IsUp("going back"));
        Assert.Equal(["bond0", "bond1"], BondingCollector.Fields("bond0\tbond1\n"));
    }

    [Fact]
    public void Parsers_fail_only_with_format_exceptions_on_generated_input()
    {
        var random = new Random(20230409);
        const string alphabet = "0123456789.:-+kMGT/secx_ N/A()\n\tUnusedMetadataratenext io";
        for (var i = 0; i < 20000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            _ = SysfsNumber.TryParse(text, out _);
            _ = BtrfsReader.ParseValue(System.Text.Encoding.ASCII.GetBytes(text));
            Try(() => BcacheValues.Dehumanize(text));
            Try(() => BcacheValues.DehumanizeSigned(text));
            Try(() => BcacheCollector.ParseWritebackRateDebug(text));
            Try(() => BcacheCollector.ParsePriorityStats(text));
            Try(() => InfiniBandCollector.ParseState(text));
            Try(() => InfiniBandCollector.ParseRate(text));
            Try(() => InfiniBandCollector.ParseCounter(text, lanes: true));
            Try(() => FibreChannelCollector.ParseCounter(text));
        }
    }

    private static void Try<T>(Func<T> parse)
    {
        try
        {
            _ = parse();
        }
        catch (FormatException)
        {
        }
    }
}
