using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger.Tests;

public sealed class OwnFamiliesTests
{
    private static readonly string[] Names = ["plain", "quote\" back\\slash\nline", "ünïcødé ✓"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_own_families_are_written_as_their_text_would_be_after_parsing(bool openMetrics)
    {
        var format = openMetrics ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004;
        var up = Merge.Parse("a 1\n");
        try
        {
            List<FetchResult> results =
            [
                new(Upstream(Names[0]), up, null, TimeSpan.FromMilliseconds(12.5), 1234),
                new(Upstream(Names[1]), null, "HTTP status 500", TimeSpan.FromSeconds(1.0 / 3), 0),
                new(Upstream(Names[2]), null, "refused", TimeSpan.Zero, 17),
            ];
            var conflicts = new Dictionary<string, long>(StringComparer.Ordinal) { ["x_total"] = 3, ["y\"\\\n"] = 1 };

            Assert.Equal(WriteOwn(Text(results, conflicts), format), WriteOwn(OwnFamilies.Build(results, conflicts), format));
        }
        finally
        {
            up.Dispose();
        }
    }

    [Fact]
    public void Without_upstreams_or_conflicts_there_are_no_families()
    {
        using var page = OwnFamilies.Build([], []);
        Assert.Empty(page.Families);
    }

    [Fact]
    public void Conflicts_alone_give_only_their_family()
    {
        using var page = OwnFamilies.Build([], new Dictionary<string, long> { ["x"] = 2 });
        Assert.Equal(
            "# HELP merger_conflicts_total Families or samples of upstreams left off the page: a TYPE that differs from the one taken first, a name the merger exposes itself, or a series taken already.\n"
            + "# TYPE merger_conflicts_total counter\nmerger_conflicts_total{family=\"x\"} 2\n",
            WriteOwn(page, ExpositionFormat.Text004));
    }

    private static Upstream Upstream(string name) => new(new Uri("http://127.0.0.1:1/metrics"), name, UpstreamLabels.Empty, TimeSpan.FromSeconds(1));

    private static string WriteOwn(ParsedPage page, ExpositionFormat format)
    {
        using (page)
        {
            using var merger = new PageMerger(_ => false, (_, _, _) => Assert.Fail("no conflict expected"));
            merger.AddOwn(new MergeSource("merger", page, UpstreamLabels.Empty));
            merger.Complete();
            using var output = new PooledBufferWriter();
            MergedPageWriter.Write(merger.Families, output, format);
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
    }

    /// <summary>The families as exposition text, parsed: what the direct page must be equal to.</summary>
    private static ParsedPage Text(List<FetchResult> results, Dictionary<string, long> conflicts)
    {
        var text = new StringBuilder();
        Family(text, "merger_upstream_up", "Whether the last fetch of the upstream gave a complete, parsable page (1) or not (0).", "gauge");
        results.ForEach(r => Sample(text, "merger_upstream_up", "upstream", r.Upstream.Name, r.Page is null ? 0 : 1));
        Family(text, "merger_upstream_duration_seconds", "How long the last fetch of the upstream took.", "gauge");
        results.ForEach(r => Sample(text, "merger_upstream_duration_seconds", "upstream", r.Upstream.Name, r.Duration.TotalSeconds));
        Family(text, "merger_upstream_response_bytes", "Size of the upstream's last page, after decompression.", "gauge");
        results.ForEach(r => Sample(text, "merger_upstream_response_bytes", "upstream", r.Upstream.Name, r.Bytes));
        Family(text, "merger_conflicts_total", "Families or samples of upstreams left off the page: a TYPE that differs from the one taken first, a name the merger exposes itself, or a series taken already.", "counter");
        foreach (var (family, count) in conflicts)
        {
            Sample(text, "merger_conflicts_total", "family", family, count);
        }

        return Merge.Parse(text.ToString());
    }

    private static void Family(StringBuilder text, string name, string help, string type) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Sample(StringBuilder text, string name, string label, string value, double number) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}{{{label}=\"{MetricNames.EscapeLabelValue(value)}\"}} {number.ToString("R", CultureInfo.InvariantCulture)}\n");
}
