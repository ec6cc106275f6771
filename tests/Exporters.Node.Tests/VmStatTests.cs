using System.Text.RegularExpressions;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class VmStatTests
{
    [Fact]
    public void Default_fields_are_kept_and_sorted_by_name()
    {
        var input = "nr_free_pages 1000\npgpgin 5420885\npgpgout 6530088\npswpin 0\npgfault 56259442\npgmajfault 10352\npgsteal_kswapd 7\noom_kill 2\n"u8.ToArray();
        var text = Fixtures.Render(w => VmStatCollector.Write(input, new Regex(CollectorOptions.DefaultVmStatFields), w));
        Assert.Equal(
            "# HELP node_vmstat_oom_kill /proc/vmstat information field oom_kill.\n# TYPE node_vmstat_oom_kill untyped\nnode_vmstat_oom_kill 2\n"
            + "# HELP node_vmstat_pgfault /proc/vmstat information field pgfault.\n# TYPE node_vmstat_pgfault untyped\nnode_vmstat_pgfault 56259442\n"
            + "# HELP node_vmstat_pgmajfault /proc/vmstat information field pgmajfault.\n# TYPE node_vmstat_pgmajfault untyped\nnode_vmstat_pgmajfault 10352\n"
            + "# HELP node_vmstat_pgpgin /proc/vmstat information field pgpgin.\n# TYPE node_vmstat_pgpgin untyped\nnode_vmstat_pgpgin 5420885\n"
            + "# HELP node_vmstat_pgpgout /proc/vmstat information field pgpgout.\n# TYPE node_vmstat_pgpgout untyped\nnode_vmstat_pgpgout 6530088\n"
            + "# HELP node_vmstat_pswpin /proc/vmstat information field pswpin.\n# TYPE node_vmstat_pswpin untyped\nnode_vmstat_pswpin 0\n",
            text);
    }

    [Fact]
    public void Fields_flag_picks_other_fields()
    {
        var text = Fixtures.Render(w => VmStatCollector.Write(Fixtures.Bytes("proc/vmstat"), new Regex("^nr_free_pages$"), w));
        Assert.StartsWith("# HELP node_vmstat_nr_free_pages /proc/vmstat information field nr_free_pages.\n# TYPE node_vmstat_nr_free_pages untyped\nnode_vmstat_nr_free_pages ", text);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
