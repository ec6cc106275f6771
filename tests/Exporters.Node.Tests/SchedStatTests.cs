using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class SchedStatTests
{
    [Fact]
    public void Cpu_lines_give_seconds_and_timeslices_and_domains_are_skipped()
    {
        var text = Fixtures.Render(Fixtures.Bytes("proc/schedstat"), SchedStatCollector.Write);
        Assert.Equal(
            "# HELP node_schedstat_running_seconds_total Number of seconds CPU spent running a process.\n# TYPE node_schedstat_running_seconds_total counter\n"
            + "node_schedstat_running_seconds_total{cpu=\"0\"} 2281.545133181\nnode_schedstat_running_seconds_total{cpu=\"1\"} 1.5\n"
            + "# HELP node_schedstat_timeslices_total Number of timeslices executed by CPU.\n# TYPE node_schedstat_timeslices_total counter\n"
            + "node_schedstat_timeslices_total{cpu=\"0\"} 5390289\nnode_schedstat_timeslices_total{cpu=\"1\"} 42\n"
            + "# HELP node_schedstat_waiting_seconds_total Number of seconds spent by processing waiting for this CPU.\n# TYPE node_schedstat_waiting_seconds_total counter\n"
            + "node_schedstat_waiting_seconds_total{cpu=\"0\"} 126.73589362\nnode_schedstat_waiting_seconds_total{cpu=\"1\"} 0.25\n",
            text);
    }

    [Fact]
    public void A_short_cpu_line_is_malformed()
    {
        Assert.Throws<FormatException>(() => Fixtures.Render("version 15\ncpu0 1 2 3\n"u8, SchedStatCollector.Write));
    }

    [Fact]
    public void Without_schedstat_the_collector_reports_no_data_without_an_exception()
    {
        using var dir = new Exporters.Testing.TempDirectory();
        var paths = new NodePaths(dir.Path, dir.Path, "/");
        var written = Fixtures.Render(w => Assert.False(new SchedStatCollector().Update(paths, w)));
        Assert.Equal("", written);
    }
}
