using System.Text;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Pages parsed after an earlier page of the same upstream read exactly as pages parsed alone.</summary>
public sealed class HeaderMemoryTests
{
    private const string First = """
        # HELP a_total First a.
        # TYPE a_total counter
        a_total 1
        # HELP b First b.
        # TYPE b gauge
        b 2
        # HELP c Escaped \\ and \n.
        # TYPE c untyped
        c 3

        """;

    public static TheoryData<string> NextPages() => new()
    {
        // The same header lines, other values.
        First.Replace("a_total 1", "a_total 5", StringComparison.Ordinal),
        // One HELP changed in the middle: the lines after it still read right.
        First.Replace("First b.", "Second b.", StringComparison.Ordinal),
        // A TYPE changed.
        First.Replace("# TYPE b gauge", "# TYPE b counter", StringComparison.Ordinal),
        // A family more in front, so every line moved.
        "# HELP z Z.\n# TYPE z gauge\nz 0\n" + First,
        // Fewer header lines than last time.
        "# HELP a_total First a.\n# TYPE a_total counter\na_total 1\n",
        // No header lines at all.
        "a_total 1\nb 2\n",
    };

    [Theory]
    [MemberData(nameof(NextPages))]
    public void A_page_reads_the_same_with_and_without_the_last_pages_headers(string next)
    {
        var memory = new HeaderMemory();
        using (var first = Parse(First, memory))
        {
            Assert.Equal(Describe(Parse(First, null)), Describe(first));
        }

        using var alone = Parse(next, null);
        using var remembered = Parse(next, memory);
        Assert.Equal(Describe(alone), Describe(remembered));

        // And once more, now with the next page's own headers remembered.
        using var again = Parse(next, memory);
        Assert.Equal(Describe(alone), Describe(again));
    }

    [Fact]
    public void A_bad_page_leaves_the_memory_as_it_was()
    {
        var memory = new HeaderMemory();
        Parse(First, memory).Dispose();
        var lines = memory.Lines(openMetrics: false);

        var bytes = Encoding.UTF8.GetBytes("# HELP a_total Other.\n# HELP a_total Twice.\na_total 1\n");
        Assert.False(ExpositionParser.TryParse(bytes, bytes.Length, openMetrics: false, pooled: false, out _, out var error, memory));

        Assert.Contains("second HELP line for a_total", error, StringComparison.Ordinal);
        Assert.Same(lines, memory.Lines(openMetrics: false));
        Assert.Null(memory.Lines(openMetrics: true));
    }

    private static ParsedPage Parse(string text, HeaderMemory? memory)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(ExpositionParser.TryParse(bytes, bytes.Length, openMetrics: false, pooled: false, out var page, out var error, memory), error);
        return page!;
    }

    private static string Describe(ParsedPage page)
    {
        var text = new StringBuilder();
        foreach (var family in page.Families)
        {
            text.Append(family.Name).Append('|').Append(family.Help).Append('|').Append(family.Type).Append('|');
            foreach (var sample in family.Samples)
            {
                text.Append(sample.Value).Append(',');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
