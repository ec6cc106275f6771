using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class BuddyInfoTests
{
    [Fact]
    public void A_repeated_zone_keeps_its_first_line_and_commas_are_optional()
    {
        // node_exporter 1.5 gave these samples for the same file.
        var text = Fixtures.Render("Node 0 zone DMA 1 2\nNode 0, zone DMA 3 4\n"u8, BuddyInfoCollector.Write);
        Assert.Equal(
            "# HELP node_buddyinfo_blocks Count of free blocks according to size.\n# TYPE node_buddyinfo_blocks gauge\n"
            + "node_buddyinfo_blocks{node=\"0\",size=\"0\",zone=\"DMA\"} 1\nnode_buddyinfo_blocks{node=\"0\",size=\"1\",zone=\"DMA\"} 2\n",
            text);
    }

    [Theory]
    [InlineData("Node 0, zone DMA 1 2 3\nNode 0, zone DMA32 1 2\n")]
    [InlineData("Node 0, zone DMA 1 2\nNode 0, zone Normal\n")]
    [InlineData("Node 0, zone DMA 1 2\n\n")]
    [InlineData("Node 0, zone DMA 1 x\n")]
    public void Malformed_files_fail(string text)
    {
        Assert.Throws<FormatException>(() => Fixtures.Render(System.Text.Encoding.ASCII.GetBytes(text), BuddyInfoCollector.Write));
    }

    [Fact]
    public void An_empty_file_has_no_samples()
    {
        Assert.Equal("", Fixtures.Render(""u8, BuddyInfoCollector.Write));
    }
}
