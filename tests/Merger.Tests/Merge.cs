using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Parses pages from strings, merges them in order and writes the result.</summary>
internal static class Merge
{
    public static ParsedPage Parse(string text, bool openMetrics = false)
    {
        Assert.True(ExpositionParser.TryParse(text, openMetrics, out var page, out var error), error);
        return page!;
    }

    public static ParsedPage Parse(byte[] bytes, bool openMetrics = false)
    {
        Assert.True(ExpositionParser.TryParse(bytes, bytes.Length, openMetrics, pooled: false, out var page, out var error), error);
        return page!;
    }

    public static string Error(string text, bool openMetrics = false)
    {
        Assert.False(ExpositionParser.TryParse(text, openMetrics, out _, out var error), "expected a parse error");
        return error!;
    }

    public static string Pages(params string[] pages) => Run(ExpositionFormat.Text004, [], pages.Select(p => (p, UpstreamLabels.Empty)).ToArray());

    public static string Run(
        ExpositionFormat format,
        List<(string Family, string Upstream, ConflictKind Kind)> conflicts,
        (string Text, UpstreamLabels Labels)[] pages,
        bool openMetricsInput = false)
    {
        using var merger = new PageMerger(name => name.Text.StartsWith("merger_", StringComparison.Ordinal), (f, u, k) => conflicts.Add((f, u, k)));
        var parsed = new List<ParsedPage>();
        for (var i = 0; i < pages.Length; i++)
        {
            var page = Parse(pages[i].Text, openMetricsInput);
            parsed.Add(page);
            merger.Add(new MergeSource($"u{i}", page, pages[i].Labels));
        }

        merger.Complete();
        using var output = new PooledBufferWriter();
        MergedPageWriter.Write(merger.Families, output, format);
        if (format == ExpositionFormat.OpenMetrics100)
        {
            output.Write("# EOF\n"u8);
        }

        parsed.ForEach(p => p.Dispose());
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
