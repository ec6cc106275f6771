using System.Text;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>
/// Parsing a page like the last one reuses the last page's lists, families and header lines: what it
/// allocates does not grow with the page, whether the upstream's header lines are remembered or not.
/// </summary>
public sealed class ParseAllocationTests
{
    private static readonly byte[] Page = BuildPage();

    [Fact]
    public void A_page_parsed_again_without_header_memory_allocates_a_small_fixed_amount()
    {
        Assert.True(AllocatedByRepeatedParse(null) < 2048, $"allocated {AllocatedByRepeatedParse(null)} bytes for a {Page.Length}-byte page");
    }

    [Fact]
    public void A_page_parsed_again_with_its_upstreams_header_memory_allocates_a_small_fixed_amount()
    {
        var memory = new HeaderMemory();
        Assert.True(AllocatedByRepeatedParse(memory) < 2048, $"allocated {AllocatedByRepeatedParse(memory)} bytes for a {Page.Length}-byte page");
    }

    private static long AllocatedByRepeatedParse(HeaderMemory? memory)
    {
        // Warm up: pools filled, names interned, header lines remembered.
        for (var i = 0; i < 3; i++)
        {
            Parse(memory);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Parse(memory);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Parse(HeaderMemory? memory)
    {
        Assert.True(ExpositionParser.TryParse(Page, Page.Length, openMetrics: false, pooled: false, out var page, out var error, memory), error);
        page!.Dispose();
    }

    private static byte[] BuildPage()
    {
        var text = new StringBuilder();
        for (var f = 0; f < 200; f++)
        {
            text.Append($"# HELP family_{f}_total Help text of family {f}.\n# TYPE family_{f}_total counter\n");
            for (var s = 0; s < 5; s++)
            {
                text.Append($"family_{f}_total{{device=\"dev{s}\",mode=\"m\"}} {f * 10 + s}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
