using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ThermalZoneTests
{
    [Fact]
    public void Fixture_zones_and_cooling_devices_match_node_exporter()
    {
        var paths = new NodePaths(Fixtures.Proc, Fixtures.Sys, "/");
        var text = Fixtures.Render(w => new ThermalZoneCollector().Update(paths, w));
        Assert.Equal(
            "# HELP node_cooling_device_cur_state Current throttle state of the cooling device\n# TYPE node_cooling_device_cur_state gauge\n"
            + "node_cooling_device_cur_state{name=\"0\",type=\"Processor\"} 1\n"
            + "# HELP node_cooling_device_max_state Maximum throttle state of the cooling device\n# TYPE node_cooling_device_max_state gauge\n"
            + "node_cooling_device_max_state{name=\"0\",type=\"Processor\"} 3\n"
            + "# HELP node_thermal_zone_temp Zone temperature in Celsius\n# TYPE node_thermal_zone_temp gauge\n"
            + "node_thermal_zone_temp{type=\"acpitz\",zone=\"1\"} -1\nnode_thermal_zone_temp{type=\"x86_pkg_temp\",zone=\"0\"} 45.5\n",
            text);
    }

    [Fact]
    public void A_missing_class_directory_fails_the_collector()
    {
        var paths = new NodePaths(Fixtures.Proc, Path.Combine(Fixtures.Root, "no-such-sys"), "/");
        Assert.ThrowsAny<IOException>(() => Fixtures.Render(w => new ThermalZoneCollector().Update(paths, w)));
    }
}
