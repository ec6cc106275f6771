using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>Each exporter's process_*, go_* and *_build_info are kept beside the merger's own, told apart by merger_upstream.</summary>
public sealed class ExporterOwnFamiliesTests
{
    [Fact]
    public void Exporters_own_families_carry_their_upstream_and_join_the_mergers_own()
    {
        using var own = Merge.Parse("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.5\n");
        using var node = Merge.Parse("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12\n# TYPE go_goroutines gauge\ngo_goroutines 9\n# TYPE node_exporter_build_info gauge\nnode_exporter_build_info{version=\"1.5.0\"} 1\n# TYPE node_load1 gauge\nnode_load1 0.5\n");
        using var stub = Merge.Parse("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total{merger_upstream=\"kept\"} 2\n");
        var conflicts = new List<ConflictKind>();
        using var merger = new PageMerger(static _ => false, (_, _, kind) => conflicts.Add(kind));

        merger.AddOwn(new MergeSource("merger", own, UpstreamLabels.Empty));
        merger.Add(new MergeSource("node", node, UpstreamLabels.Empty, UpstreamLabels.Empty.With(MergeSource.UpstreamLabel, "node")));
        merger.Add(new MergeSource("stub", stub, UpstreamLabels.Empty, UpstreamLabels.Empty.With(MergeSource.UpstreamLabel, "stub")));
        merger.Complete();
        using var output = new PooledBufferWriter();
        MergedPageWriter.Write(merger.Families, output, ExpositionFormat.Text004);

        Assert.Equal(
            "# TYPE go_goroutines gauge\ngo_goroutines{merger_upstream=\"node\"} 9\n"
            + "# TYPE node_exporter_build_info gauge\nnode_exporter_build_info{version=\"1.5.0\",merger_upstream=\"node\"} 1\n"
            + "# TYPE node_load1 gauge\nnode_load1 0.5\n"
            + "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n# TYPE process_cpu_seconds_total counter\n"
            + "process_cpu_seconds_total 1.5\nprocess_cpu_seconds_total{merger_upstream=\"node\"} 12\nprocess_cpu_seconds_total{merger_upstream=\"kept\"} 2\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Empty(conflicts);
    }
}
