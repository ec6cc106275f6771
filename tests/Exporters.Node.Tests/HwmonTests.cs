using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class HwmonTests
{
    private static readonly NodePaths Paths = new(Fixtures.Proc, Fixtures.Sys, "/");

    /// <summary>
    /// fixtures/hwmon-node-exporter.txt is what node_exporter 1.5 writes for the same tree (its hwmon lines of
    /// <c>prometheus-node-exporter --path.sysfs=fixtures/sys --collector.disable-defaults --collector.hwmon</c>).
    /// </summary>
    [Fact]
    public void Fixture_chips_match_node_exporter()
    {
        var text = Fixtures.Render(w => new HwmonCollector().Update(Paths, w));
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures.Root, "hwmon-node-exporter.txt")), text);
    }

    [Fact]
    public void Chip_is_named_by_its_device_path_then_its_name_then_its_directory()
    {
        var classHwmon = Path.Combine(Fixtures.Sys, "class", "hwmon");
        Assert.Equal("platform_coretemp_0", HwmonName.Chip(Path.Combine(classHwmon, "hwmon0")));
        Assert.Equal("pci0000:00_0000:00:02_0", HwmonName.Chip(Path.Combine(classHwmon, "hwmon2")));
        Assert.Equal("hwmon1", HwmonName.Chip(Path.Combine(classHwmon, "hwmon1")));
    }

    [Fact]
    public void A_chip_without_device_is_named_by_its_name_file()
    {
        var root = Directory.CreateTempSubdirectory("hwmon-");
        try
        {
            var chip = Directory.CreateDirectory(Path.Combine(root.FullName, "hwmon7")).FullName;
            File.WriteAllText(Path.Combine(chip, "name"), "Nct6775 ISA\n");
            Assert.Equal("nct6775_isa", HwmonName.Chip(chip));
        }
        finally
        {
            root.Delete(true);
        }
    }

    [Theory]
    [InlineData("temp1_input", true, "temp", 1, "input")]
    [InlineData("temp1_crit_alarm", true, "temp", 1, "crit_alarm")]
    [InlineData("pwm1", true, "pwm", 1, "")]
    [InlineData("in07_min", true, "in", 7, "min")]
    [InlineData("beep_enable", true, "beep_enable", 0, "")]
    [InlineData("temp1_", false, "", 0, "")]
    [InlineData("1temp", false, "", 0, "")]
    [InlineData("temp1x", false, "", 0, "")]
    [InlineData("temp99999999999_input", false, "", 0, "")]
    public void Sensor_file_names_split_as_node_exporter_splits_them(string fileName, bool ok, string type, int number, string property)
    {
        Assert.Equal(ok, HwmonName.TrySplit(fileName, out var actualType, out var actualNumber, out var actualProperty));
        if (ok)
        {
            Assert.Equal((type, number, property), (actualType, actualNumber, actualProperty));
        }
    }

    [Theory]
    [InlineData("Physical id 0", "physical_id_0")]
    [InlineData("--Core 0--", "core_0")]
    [InlineData("coretemp\n", "coretemp")]
    [InlineData("cpu:µ", "cpu:")]
    [InlineData("---", "")]
    public void Names_are_cleaned_as_node_exporter_cleans_them(string raw, string clean) =>
        Assert.Equal(clean, HwmonName.Clean(raw));

    [Fact]
    public void A_missing_class_directory_is_no_data_without_an_error()
    {
        var paths = new NodePaths(Fixtures.Proc, Path.Combine(Fixtures.Root, "no-such-sys"), "/");
        var hasData = true;
        var page = Fixtures.Render(w => hasData = new HwmonCollector().Update(paths, w));
        Assert.False(hasData);
        Assert.Equal(string.Empty, page);
    }
}
