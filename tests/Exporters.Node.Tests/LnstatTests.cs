using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class LnstatTests
{
    // node_exporter 1.5 panics on these two (an index past the header, a name its client refuses); here the
    // collector fails alone.
    [Fact]
    public void A_line_longer_than_the_header_is_malformed()
    {
        Assert.Throws<FormatException>(() => LnstatCollector.Parse("arp_cache", "entries\n00000001 00000002\n"u8, []));
    }

    [Fact]
    public void A_column_that_cannot_be_in_a_metric_name_is_malformed()
    {
        Assert.Throws<FormatException>(() => LnstatCollector.Parse("arp_cache", "in-hit\n00000001\n"u8, []));
    }

    [Fact]
    public void An_empty_file_gives_nothing()
    {
        var samples = new List<LnstatCollector.Sample>();
        LnstatCollector.Parse("empty", ""u8, samples);
        Assert.Empty(samples);
    }

    [Fact]
    public void Cpus_are_ordered_as_text()
    {
        var samples = new List<LnstatCollector.Sample>();
        LnstatCollector.Parse("rt_cache", "entries\n1\n2\n3\n4\n5\n6\n7\n8\n9\na\nb\n"u8, samples);
        var page = Fixtures.Render(w => LnstatCollector.Write(samples, w));
        Assert.Contains("node_lnstat_entries_total{cpu=\"1\",subsystem=\"rt_cache\"} 2\nnode_lnstat_entries_total{cpu=\"10\",subsystem=\"rt_cache\"} 11\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_input_parses_or_is_malformed()
    {
        var seed = Environment.GetEnvironmentVariable("LNSTAT_PROPERTY_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 4243;
        var random = new Random(seed);
        var alphabet = "0123456789abcdefABCDEFxyz_- \t\r\n\n\n"u8.ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var input = new byte[random.Next(0, 80)];
            for (var j = 0; j < input.Length; j++)
            {
                input[j] = random.Next(10) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                var samples = new List<LnstatCollector.Sample>();
                LnstatCollector.Parse("x", input, samples);
                _ = Fixtures.Render(w => LnstatCollector.Write(samples, w));
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
