using System.Globalization;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>The merged page lists families sorted by name, however the pages ordered them.</summary>
public sealed class FamilyOrderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 40)]
    [InlineData(7, 13)]
    public void Families_come_out_sorted_by_name(int pageCount, int familiesPerPage)
    {
        var random = new Random(pageCount * 1000 + familiesPerPage);
        var pages = new string[pageCount];
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < pageCount; p++)
        {
            var page = new StringBuilder();
            var chosen = Enumerable.Range(0, familiesPerPage).Select(_ => "f_" + random.Next(60).ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
            if (p % 2 == 0)
            {
                chosen.Sort(StringComparer.Ordinal);
            }

            foreach (var name in chosen)
            {
                names.Add(name);
                page.Append(CultureInfo.InvariantCulture, $"{name}{{page=\"{p}\"}} 1\n");
            }

            pages[p] = page.ToString();
        }

        var merged = Merge.Pages(pages);
        var order = merged.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(names, order);
    }

    [Fact]
    public void Pages_sorted_in_reverse_are_sorted()
    {
        const string first = "c 1\nb 1\na 1\n";
        const string second = "z 1\ny 1\nd 1\n";
        var merged = Merge.Pages(first, second);
        var order = merged.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]);
        Assert.Equal(["a", "b", "c", "d", "y", "z"], order);
    }

    [Fact]
    public void Merging_the_same_pages_again_or_others_keeps_the_families_sorted()
    {
        const string A = "b 1\nd 1\nf 1\n";
        const string B = "a 1\nc 1\ne 1\n";
        const string C = "a 1\nc 1\nd_new 1\ne 1\n";
        string[][] rounds = [[A, B], [A, B], [B, A], [A, B], [A, C], [A, C], [C, A], [A, B], [A, B]];
        foreach (var pages in rounds)
        {
            var merged = Merge.Pages(pages);
            var order = merged.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
            Assert.Equal(order.Order(StringComparer.Ordinal), order);
            Assert.Equal(pages.Sum(p => p.Count(c => c == '\n')), order.Count);
        }
    }
}
