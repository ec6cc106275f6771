using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger.Tests;

public sealed class OwnFamiliesTests
{
    private const string UpHelp = "Whether the last fetch of the upstream gave a complete, parsable page (1) or not (0); for a dns+ upstream, whether its host name resolved.";
    private const string ReplicasHelp = "Addresses the upstream's host name resolved to at the last scrape, each scraped as a replica.";
    private const string ReplicaUpHelp = "Whether the replica answered HTTP within the timeout with a status below 500 (1) or not (0), whether or not it serves a metrics page.";
    private const string ReplicaMergedHelp = "Whether the replica's answer was a metrics page that was merged (1) or not (0).";
    private const string ConflictsHelp = "Families or samples of upstreams left off the page: a TYPE that differs from the one taken first, a name the merger exposes itself, or a series taken already.";
    private static readonly string[] Names = ["plain", "quote\" back\\slash\nline", "ünïcødé ✓", "dns+http://service-a:8080/metrics", "dns+http://gone:1/metrics"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_own_families_are_written_as_their_text_would_be_after_parsing(bool openMetrics)
    {
        var format = openMetrics ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004;
        var up = Merge.Parse("a 1\n");
        var replicaPage = Merge.Parse("b 1\n");
        try
        {
            var serviceA = Upstream(Names[3]) with { Discover = true };
            UpstreamScrape[] upstreams =
            [
                UpstreamScrape.Plain(new(Upstream(Names[0]), up, null, true, TimeSpan.FromMilliseconds(12.5), 1234)),
                UpstreamScrape.Plain(new(Upstream(Names[1]), null, "HTTP status 500", false, TimeSpan.FromSeconds(1.0 / 3), 0)),
                UpstreamScrape.Plain(new(Upstream(Names[2]), null, "refused", false, TimeSpan.Zero, 17)),
                UpstreamScrape.Discovered(
                    new Discovery(serviceA, [], null, TimeSpan.FromMilliseconds(2)),
                    [
                        new(Replica("10.0.0.1:8080"), replicaPage, null, true, TimeSpan.FromMilliseconds(3), 100),
                        new(Replica("[fd00::7]:8080"), null, "unparsable page: x", true, TimeSpan.FromMilliseconds(7), 21),
                        new(Replica("we\"ird\\:1"), null, "refused", false, TimeSpan.FromMilliseconds(1), 0),
                    ]),
                UpstreamScrape.Discovered(new Discovery(Upstream(Names[4]) with { Discover = true }, [], "cannot resolve gone", TimeSpan.FromMilliseconds(4)), []),
            ];
            var conflicts = new Dictionary<string, long>(StringComparer.Ordinal) { ["x_total"] = 3, ["y\"\\\n"] = 1 };

            var text = WriteOwn(Text(upstreams, conflicts), format);

            Assert.Equal(text, WriteOwn(OwnFamilies.Build(upstreams, conflicts, []), format));
            Assert.Contains("merger_upstream_up{upstream=\"dns+http://service-a:8080/metrics\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_upstream_duration_seconds{upstream=\"dns+http://service-a:8080/metrics\"} 0.009\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_upstream_response_bytes{upstream=\"dns+http://service-a:8080/metrics\"} 121\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_upstream_up{upstream=\"dns+http://gone:1/metrics\"} 0\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_upstream_replicas{upstream=\"dns+http://gone:1/metrics\"} 0\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_replica_up{upstream=\"dns+http://service-a:8080/metrics\",replica=\"[fd00::7]:8080\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("merger_replica_merged{upstream=\"dns+http://service-a:8080/metrics\",replica=\"[fd00::7]:8080\"} 0\n", text, StringComparison.Ordinal);
        }
        finally
        {
            up.Dispose();
            replicaPage.Dispose();
        }
    }

    [Fact]
    public void Without_upstreams_or_conflicts_there_are_no_families()
    {
        using var page = OwnFamilies.Build([], [], []);
        Assert.Empty(page.Families);
    }

    [Fact]
    public void Plain_upstreams_alone_give_no_replica_families()
    {
        UpstreamScrape[] upstreams = [UpstreamScrape.Plain(new(Upstream("a"), null, "refused", false, TimeSpan.Zero, 0))];

        using var page = OwnFamilies.Build(upstreams, [], []);

        Assert.Equal(["merger_upstream_up", "merger_upstream_duration_seconds", "merger_upstream_response_bytes"], page.Families.Select(f => f.Name));
    }

    [Fact]
    public void Conflicts_alone_give_only_their_family()
    {
        using var page = OwnFamilies.Build([], new Dictionary<string, long> { ["x"] = 2 }, []);
        Assert.Equal(
            $"# HELP merger_conflicts_total {ConflictsHelp}\n# TYPE merger_conflicts_total counter\nmerger_conflicts_total{{family=\"x\"}} 2\n",
            WriteOwn(page, ExpositionFormat.Text004));
    }

    [Fact]
    public void Dropped_lines_are_counted_by_upstream_and_reason()
    {
        var dropped = new Dictionary<(string Upstream, DropReason Reason), long> { [("node", DropReason.InvalidUtf8)] = 3, [("a\"b", DropReason.InvalidLine)] = 1 };

        using var page = OwnFamilies.Build([], [], dropped);

        Assert.Equal(
            $"# HELP merger_dropped_samples_total {DroppedHelp}\n# TYPE merger_dropped_samples_total counter\n"
            + "merger_dropped_samples_total{upstream=\"node\",reason=\"invalid_utf8\"} 3\n"
            + "merger_dropped_samples_total{upstream=\"a\\\"b\",reason=\"invalid_line\"} 1\n",
            WriteOwn(page, ExpositionFormat.Text004));
    }

    private const string DroppedHelp = "Sample lines of upstreams' pages left off the merged page, the rest of the page kept: invalid_utf8 (a label value that is not UTF-8), invalid_line (not a valid sample line), wrong_type (a name its family's type does not allow, a bucket or quantile without a numeric le or quantile label).";

    private static Upstream Upstream(string name) => new(new Uri("http://127.0.0.1:1/metrics"), name, UpstreamLabels.Empty, TimeSpan.FromSeconds(1));

    private static Upstream Replica(string address) => Upstream($"http://{address}/metrics") with { Replica = address };

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
    private static ParsedPage Text(UpstreamScrape[] upstreams, Dictionary<string, long> conflicts)
    {
        var text = new StringBuilder();
        Family(text, "merger_upstream_up", UpHelp, "gauge");
        Array.ForEach(upstreams, u => Sample(text, "merger_upstream_up", u.Upstream.Name, null, u.Up ? 1 : 0));
        Family(text, "merger_upstream_duration_seconds", "How long the last fetch of the upstream took.", "gauge");
        Array.ForEach(upstreams, u => Sample(text, "merger_upstream_duration_seconds", u.Upstream.Name, null, u.Duration.TotalSeconds));
        Family(text, "merger_upstream_response_bytes", "Size of the upstream's last page, after decompression.", "gauge");
        Array.ForEach(upstreams, u => Sample(text, "merger_upstream_response_bytes", u.Upstream.Name, null, u.Bytes));
        Family(text, "merger_upstream_replicas", ReplicasHelp, "gauge");
        Array.ForEach(upstreams.Where(u => u.Upstream.Discover).ToArray(), u => Sample(text, "merger_upstream_replicas", u.Upstream.Name, null, u.Replicas.Length));
        Family(text, "merger_replica_up", ReplicaUpHelp, "gauge");
        Family(text, "merger_replica_merged", ReplicaMergedHelp, "gauge");
        foreach (var upstream in upstreams)
        {
            foreach (var replica in upstream.Replicas)
            {
                Sample(text, "merger_replica_up", upstream.Upstream.Name, replica.Upstream.Replica, replica.Answered ? 1 : 0);
                Sample(text, "merger_replica_merged", upstream.Upstream.Name, replica.Upstream.Replica, replica.Page is null ? 0 : 1);
            }
        }

        Family(text, "merger_conflicts_total", ConflictsHelp, "counter");
        foreach (var (family, count) in conflicts)
        {
            text.Append(CultureInfo.InvariantCulture, $"merger_conflicts_total{{family=\"{MetricNames.EscapeLabelValue(family)}\"}} {count}\n");
        }

        return Merge.Parse(text.ToString());
    }

    private static void Family(StringBuilder text, string name, string help, string type) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Sample(StringBuilder text, string name, string upstream, string? replica, double number)
    {
        text.Append(CultureInfo.InvariantCulture, $"{name}{{upstream=\"{MetricNames.EscapeLabelValue(upstream)}\"");
        if (replica is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $",replica=\"{MetricNames.EscapeLabelValue(replica)}\"");
        }

        text.Append(CultureInfo.InvariantCulture, $"}} {number.ToString("R", CultureInfo.InvariantCulture)}\n");
    }
}
