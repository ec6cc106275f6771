using Exporters.Core.Configuration;
using Exporters.Node.Collectors;
using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>The collectors' flags of node_exporter 1.5: parsed into options, bad values and bad combinations refused.</summary>
public sealed class CollectorFlagTests
{
    private static CollectorOptions Parse(params string[] args)
    {
        var flags = new FlagSet("node-exporter");
        new NodeService().DefineFlags(flags);
        var values = flags.Parse(args, _ => null).Values!;
        return NodeService.Options(values, Serilog.Core.Logger.None);
    }

    private static T Configured<T>(T collector, params string[] args)
        where T : IConfigurableCollector
    {
        var flags = new FlagSet("node-exporter");
        new NodeService().DefineFlags(flags);
        collector.Configure(flags.Parse(args, _ => null).Values!, Serilog.Core.Logger.None);
        return collector;
    }

    private static string Refused(params string[] args) => Assert.Throws<UsageException>(() => Parse(args)).Message;

    private static string Render(Action<Exporters.Core.Exposition.ExpositionWriter> write) => Fixtures.Render(write);

    [Fact]
    public void Defaults_are_node_exporters()
    {
        var options = Parse();
        Assert.Equal(TimeSpan.FromSeconds(5), options.MountTimeout);
        Assert.True(options.NetDevNetlink);
        Assert.False(options.NetDevAddressInfo);
        Assert.False(options.NetClassIgnoreInvalidSpeed);
        Assert.True(options.NetDevDevices.Ignored("lo"));
        Assert.False(options.NetDevDevices.Ignored("eth0"));
        Assert.True(options.DiskStatsDevices.Ignored("sda1"));
        Assert.False(options.DiskStatsDevices.Ignored("sda"));
        Assert.False(options.ArpDevices.Ignored("eth0"));
        Assert.False(options.NetClassDevices.Ignored("lo"));
    }

    [Fact]
    public void Device_include_patterns_need_the_exclude_pattern_emptied()
    {
        Assert.Contains("mutually exclusive", Refused("--collector.netdev.device-include=^eth"), StringComparison.Ordinal);
        Assert.Contains("mutually exclusive", Refused("--collector.diskstats.device-include=^sd"), StringComparison.Ordinal);
        var options = Parse("--collector.netdev.device-include=^eth", "--collector.netdev.device-exclude=", "--collector.diskstats.device-include=^sd", "--collector.diskstats.device-exclude=");
        Assert.False(options.NetDevDevices.Ignored("eth0"));
        Assert.True(options.NetDevDevices.Ignored("lo"));
        Assert.False(options.DiskStatsDevices.Ignored("sda1"));
        Assert.True(options.DiskStatsDevices.Ignored("vda"));
    }

    [Fact]
    public void Arp_takes_both_patterns_at_once()
    {
        var options = Parse("--collector.arp.device-include=^eth", "--collector.arp.device-exclude=^eth1$");
        Assert.False(options.ArpDevices.Ignored("eth0"));
        Assert.True(options.ArpDevices.Ignored("eth1"));
        Assert.True(options.ArpDevices.Ignored("wlan0"));
    }

    [Fact]
    public void Deprecated_spellings_apply_unless_the_new_flag_is_given()
    {
        var options = Parse("--collector.diskstats.ignored-devices=^vd", "--collector.filesystem.ignored-mount-points=^/boot", "--collector.filesystem.ignored-fs-types=^tmpfs$");
        Assert.True(options.DiskStatsDevices.Ignored("vda"));
        Assert.False(options.DiskStatsDevices.Ignored("sda1"));
        Assert.Equal("^/boot", options.MountPointsExclude);
        Assert.Equal("^tmpfs$", options.FsTypesExclude);
        Assert.Contains("mutually exclusive", Refused("--collector.diskstats.ignored-devices=^vd", "--collector.diskstats.device-exclude=^sd"), StringComparison.Ordinal);
        Assert.Contains("mutually exclusive", Refused("--collector.filesystem.ignored-mount-points=^/boot", "--collector.filesystem.mount-points-exclude=^/srv"), StringComparison.Ordinal);
        Assert.Contains("mutually exclusive", Refused("--collector.filesystem.ignored-fs-types=^tmpfs$", "--collector.filesystem.fs-types-exclude=^ext4$"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--collector.arp.device-include=(")]
    [InlineData("--collector.arp.device-exclude=[")]
    [InlineData("--collector.diskstats.device-exclude=(")]
    [InlineData("--collector.diskstats.device-include=(")]
    [InlineData("--collector.diskstats.ignored-devices=(")]
    [InlineData("--collector.filesystem.mount-points-exclude=(")]
    [InlineData("--collector.filesystem.fs-types-exclude=(")]
    [InlineData("--collector.filesystem.ignored-mount-points=(")]
    [InlineData("--collector.filesystem.ignored-fs-types=(")]
    [InlineData("--collector.netclass.ignored-devices=(")]
    [InlineData("--collector.netdev.device-include=(")]
    [InlineData("--collector.netdev.device-exclude=(")]
    [InlineData("--collector.netstat.fields=(")]
    [InlineData("--collector.vmstat.fields=(")]
    [InlineData("--collector.filesystem.mount-timeout=abc")]
    [InlineData("--collector.filesystem.mount-timeout=0s")]
    [InlineData("--collector.cpu.guest=maybe")]
    [InlineData("--collector.cpu.info=maybe")]
    [InlineData("--collector.cpu.info.flags-include=(")]
    [InlineData("--collector.cpu.info.bugs-include=[")]
    [InlineData("--collector.stat.softirq=maybe")]
    [InlineData("--collector.netclass.ignore-invalid-speed=2")]
    [InlineData("--collector.netdev.address-info=yes")]
    [InlineData("--collector.netdev.netlink=on")]
    public void Bad_values_are_refused(string arg) =>
        Assert.Contains("invalid value", Refused(arg), StringComparison.Ordinal);

    [Theory]
    [InlineData("--collector.netclass.netlink")]
    [InlineData("--collector.netdev.enable-detailed-metrics")]
    public void Features_this_exporter_lacks_are_refused_not_ignored(string arg) =>
        Assert.Contains("not implemented", Refused(arg), StringComparison.Ordinal);

    [Fact]
    public void Features_this_exporter_lacks_are_accepted_at_their_defaults()
    {
        var options = Parse("--collector.netclass.netlink=false", "--no-collector.netdev.enable-detailed-metrics");
        Assert.NotNull(options);
    }

    [Fact]
    public void Mount_timeout_is_a_go_duration()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Parse("--collector.filesystem.mount-timeout=1.5s").MountTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), Parse("--collector.filesystem.mount-timeout=1m").MountTimeout);
    }

    [Fact]
    public void Cpu_guest_off_leaves_out_the_guest_seconds()
    {
        var stat = Fixtures.Bytes("stat-128cpu");
        var cpu = Configured(new CpuCollector(), "--no-collector.cpu.guest");
        Assert.DoesNotContain("node_cpu_guest_seconds_total", Render(w => cpu.Update(new NodePaths(Fixtures.Proc, Fixtures.Sys, "/"), w)), StringComparison.Ordinal);
        Assert.Contains("node_cpu_guest_seconds_total", Fixtures.Render(stat, (t, w) => CpuCollector.Write(t, w)), StringComparison.Ordinal);
    }

    [Fact]
    public void Netdev_filters_devices_and_reads_nohandler_from_sysfs()
    {
        var paths = new NodePaths(Fixtures.Proc, Fixtures.Sys, "/");
        var text = Render(w => new NetDevCollector(Parse()).Update(paths, w));
        Assert.DoesNotContain("device=\"lo\"", text, StringComparison.Ordinal);
        Assert.Contains("node_network_receive_nohandler_total{device=\"eth0\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains("node_network_receive_nohandler_total{device=\"ifb0\"} 0\n", text, StringComparison.Ordinal);

        var procOnly = Render(w => new NetDevCollector(Parse("--no-collector.netdev.netlink", "--collector.netdev.device-exclude=^ifb")).Update(paths, w));
        Assert.DoesNotContain("nohandler", procOnly, StringComparison.Ordinal);
        Assert.Contains("node_network_receive_bytes_total{device=\"lo\"}", procOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("ifb", procOnly, StringComparison.Ordinal);

        var included = Render(w => new NetDevCollector(Parse("--collector.netdev.device-include=^eth0$", "--collector.netdev.device-exclude=")).Update(paths, w));
        Assert.DoesNotContain("ifb", included, StringComparison.Ordinal);
        Assert.DoesNotContain("device=\"lo\"", included, StringComparison.Ordinal);
        Assert.Contains("node_network_receive_bytes_total{device=\"eth0\"}", included, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_info_lists_the_hosts_loopback_address()
    {
        var paths = new NodePaths(Fixtures.Proc, Fixtures.Sys, "/");
        var text = Render(w => new NetDevCollector(Parse("--collector.netdev.address-info")).Update(paths, w));
        Assert.StartsWith("# HELP node_network_address_info node network address by device\n# TYPE node_network_address_info gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("node_network_address_info{address=\"127.0.0.1\",device=\"lo\",netmask=\"8\",scope=\"link-local\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("node_network_address_info", Render(w => new NetDevCollector(Parse()).Update(paths, w)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "link-local")]
    [InlineData("169.254.3.4", "link-local")]
    [InlineData("224.0.0.251", "link-local")]
    [InlineData("192.0.2.2", "global")]
    [InlineData("10.1.2.3", "global")]
    [InlineData("239.1.1.1", "")]
    [InlineData("::1", "link-local")]
    [InlineData("fe80::fc:ff:fe00:1", "link-local")]
    [InlineData("ff02::1", "link-local")]
    [InlineData("ff01::1", "interface-local")]
    [InlineData("fd00::2", "global")]
    [InlineData("ff05::2", "")]
    public void Address_scopes_are_gos(string address, string scope) =>
        Assert.Equal(scope, NetworkAddressInfo.Scope(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Netclass_ignores_devices_and_invalid_speeds_when_asked()
    {
        using var dir = new TempDirectory();
        var classNet = Path.Combine(dir.Path, "class", "net");
        foreach (var (device, speed) in new[] { ("eth0", "1000"), ("eth1", "-1"), ("veth9", "10000") })
        {
            var path = Directory.CreateDirectory(Path.Combine(classNet, device)).FullName;
            File.WriteAllText(Path.Combine(path, "speed"), speed + "\n");
            File.WriteAllText(Path.Combine(path, "operstate"), "up\n");
        }

        var paths = new NodePaths(Fixtures.Proc, dir.Path, "/");
        var all = Render(w => new NetClassCollector(Parse()).Update(paths, w));
        Assert.Contains("node_network_speed_bytes{device=\"eth1\"} -125000\n", all, StringComparison.Ordinal);
        Assert.Contains("node_network_up{device=\"veth9\"} 1\n", all, StringComparison.Ordinal);

        var options = Parse("--collector.netclass.ignored-devices=^veth", "--collector.netclass.ignore-invalid-speed");
        var filtered = Render(w => new NetClassCollector(options).Update(paths, w));
        Assert.DoesNotContain("veth9", filtered, StringComparison.Ordinal);
        Assert.Contains("node_network_speed_bytes{device=\"eth0\"} 125000000\n", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("node_network_speed_bytes{device=\"eth1\"}", filtered, StringComparison.Ordinal);
        Assert.Contains("node_network_up{device=\"eth1\"} 1\n", filtered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--collector.netdev.device-include=^eth0$", "mutually exclusive")]
    [InlineData("--collector.netclass.netlink", "not implemented")]
    [InlineData("--collector.cpu.info.flags-include=(", "invalid value")]
    [InlineData("--collector.filesystem.mount-timeout=soon", "invalid value")]
    public async Task The_service_exits_2_with_one_clear_line(string arg, string message)
    {
        var (exitCode, _, stderr) = await ExporterProcess.RunToEndAsync(NodeExporter.Dll, [arg]);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
