using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ConntrackTests
{
    [Fact]
    public void Statistics_are_summed_over_cpus_from_hexadecimal()
    {
        var stat = Fixtures.Bytes("proc/net/stat/nf_conntrack");
        var text = Fixtures.Render(w => ConntrackCollector.Write(123, 65536, stat, w));
        Assert.Equal(
            [
                "node_nf_conntrack_entries 123", "node_nf_conntrack_entries_limit 65536", "node_nf_conntrack_stat_drop 3",
                "node_nf_conntrack_stat_early_drop 7", "node_nf_conntrack_stat_found 17", "node_nf_conntrack_stat_ignore 5",
                "node_nf_conntrack_stat_insert 6", "node_nf_conntrack_stat_insert_failed 2", "node_nf_conntrack_stat_invalid 4",
                "node_nf_conntrack_stat_search_restart 11",
            ],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')));
        Assert.StartsWith(
            "# HELP node_nf_conntrack_entries Number of currently allocated flow entries for connection tracking.\n# TYPE node_nf_conntrack_entries gauge\n",
            text);
    }

    [Fact]
    public void A_line_with_the_wrong_number_of_columns_is_malformed()
    {
        var stat = "entries found\n00000001 00000002\n"u8.ToArray();
        Assert.Throws<FormatException>(() => Fixtures.Render(w => ConntrackCollector.Write(1, 2, stat, w)));
    }

    [Fact]
    public void Missing_files_fail_the_collector()
    {
        var paths = new NodePaths(Path.Combine(Fixtures.Root, "no-such-proc"), Fixtures.Sys, "/");
        Assert.ThrowsAny<IOException>(() => Fixtures.Render(w => new ConntrackCollector().Update(paths, w)));
    }

    [Fact]
    public void Update_reads_the_fixture_tree()
    {
        var paths = new NodePaths(Fixtures.Proc, Fixtures.Sys, "/");
        var text = Fixtures.Render(w => new ConntrackCollector().Update(paths, w));
        Assert.Contains("node_nf_conntrack_entries 123\n", text);
        Assert.Contains("node_nf_conntrack_entries_limit 65536\n", text);
        Assert.Contains("node_nf_conntrack_stat_found 17\n", text);
    }
}
