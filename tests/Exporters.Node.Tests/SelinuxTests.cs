using Exporters.Node.Collectors;
using Exporters.Testing;

namespace Exporters.Node.Tests;

public sealed class SelinuxTests
{
    [Fact]
    public void Without_selinuxfs_only_enabled_0_is_written()
    {
        var text = Fixtures.Render(w => new SelinuxCollector().Update(new NodePaths(Fixtures.Proc, Fixtures.Sys, "/"), w));
        Assert.Equal("# HELP node_selinux_enabled SELinux is enabled, 1 is true, 0 is false\n# TYPE node_selinux_enabled gauge\nnode_selinux_enabled 0\n", text);
    }

    [Fact]
    public void With_selinuxfs_the_configured_and_current_modes_are_written()
    {
        using var dir = new TempDirectory();
        var proc = Directory.CreateDirectory(Path.Combine(dir.Path, "proc", "self")).FullName;
        File.WriteAllText(Path.Combine(proc, "mountinfo"), "22 1 0:21 / /sys/fs/selinux rw,relatime shared:5 - selinuxfs selinuxfs rw\n");
        var rootfs = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(Path.Combine(rootfs, "sys", "fs", "selinux"));
        File.WriteAllText(Path.Combine(rootfs, "sys", "fs", "selinux", "enforce"), "0");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc", "selinux"));
        File.WriteAllText(Path.Combine(rootfs, "etc", "selinux", "config"), "# comment\nSELINUX=enforcing\nSELINUXTYPE=targeted\n");
        var text = Fixtures.Render(w => new SelinuxCollector().Update(new NodePaths(Path.Combine(dir.Path, "proc"), Fixtures.Sys, rootfs), w));
        Assert.Equal(
            "# HELP node_selinux_config_mode Configured SELinux enforcement mode\n# TYPE node_selinux_config_mode gauge\nnode_selinux_config_mode 1\n"
            + "# HELP node_selinux_current_mode Current SELinux enforcement mode\n# TYPE node_selinux_current_mode gauge\nnode_selinux_current_mode 0\n"
            + "# HELP node_selinux_enabled SELinux is enabled, 1 is true, 0 is false\n# TYPE node_selinux_enabled gauge\nnode_selinux_enabled 1\n",
            text);
    }

    [Theory]
    [InlineData("SELINUX=permissive\n", 0)]
    [InlineData("SELINUX=disabled\n", -1)]
    [InlineData("SELINUX=\"enforcing\"\n", 1)]
    [InlineData("# nothing here\n", -1)]
    public void Configured_modes_are_read_from_the_config(string config, int mode) =>
        Assert.Equal(mode, SelinuxCollector.ConfiguredMode(config));
}
