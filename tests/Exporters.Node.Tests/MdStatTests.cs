using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class MdStatTests
{
    [Fact]
    public void A_device_at_the_end_of_the_file_needs_three_lines_after_it()
    {
        Assert.Throws<FormatException>(() => MdStatParser.Parse("md0 : active raid1 sda1[0] sdb1[1]\n      100 blocks [2/2] [UU]\n"));
        var device = Assert.Single(MdStatParser.Parse("md0 : active raid1 sda1[0] sdb1[1]\n      100 blocks [2/2] [UU]\n\n"));
        Assert.Equal(new MdStat("md0", "active", 2, 2, 0, 0, 100, 100), device);
    }

    [Fact]
    public void A_sync_line_whose_speed_is_not_a_number_is_malformed() =>
        Assert.Throws<FormatException>(() => MdStatParser.Parse(
            "md0 : active raid1 sda1[0] sdb1[1]\n      100 blocks [2/1] [U_]\n      recovery =  8.5% (10/100) finish=1.0min speed=fastK/sec\n\n"));

    [Fact]
    public void Check_wins_over_resync_and_recovery_over_both()
    {
        var devices = MdStatParser.Parse(
            "md0 : active raid1 sda1[0] sdb1[1]\n      100 blocks [2/2] [UU]\n      resync check = 1.0% (5/100) finish=1.0min speed=1K/sec\n\n"
            + "md1 : active raid1 sda2[0] sdb2[1]\n      100 blocks [2/2] [UU]\n      check recovery = 1.0% (7/100) finish=1.0min speed=1K/sec\n\n");
        Assert.Equal(["checking", "recovering"], devices.Select(d => d.State));
        Assert.Equal([5L, 7L], devices.Select(d => d.BlocksSynced));
    }
}
