using Exporters.Core.Configuration;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/power_supply/&lt;supply&gt;: each power supply's numeric properties in node_exporter's units
/// (micro-units to units, tenths of a degree to degrees) and its text properties as node_power_supply_info.
/// </summary>
internal sealed class PowerSupplyCollector : IConfigurableCollector
{
    private const string IgnoredFlag = "collector.powersupply.ignored-supplies";
    private const string DefaultIgnored = "^$";

    // (file, family name, scale), by family name.
    private static readonly (string File, string Name, double Scale)[] Numbers =
    [
        ("authentic", "authentic", 1),
        ("calibrate", "calibrate", 1),
        ("capacity", "capacity", 1),
        ("capacity_alert_max", "capacity_alert_max", 1),
        ("capacity_alert_min", "capacity_alert_min", 1),
        ("charge_now", "charge_ampere", 1e6),
        ("charge_control_limit", "charge_control_limit", 1e6),
        ("charge_control_limit_max", "charge_control_limit_max", 1e6),
        ("charge_counter", "charge_counter", 1e6),
        ("charge_empty", "charge_empty", 1e6),
        ("charge_empty_design", "charge_empty_design", 1e6),
        ("charge_full", "charge_full", 1e6),
        ("charge_full_design", "charge_full_design", 1e6),
        ("charge_term_current", "charge_term_current", 1e6),
        ("constant_charge_current", "constant_charge_current", 1e6),
        ("constant_charge_current_max", "constant_charge_current_max", 1e6),
        ("constant_charge_voltage", "constant_charge_voltage", 1e6),
        ("constant_charge_voltage_max", "constant_charge_voltage_max", 1e6),
        ("current_now", "current_ampere", 1e6),
        ("current_boot", "current_boot", 1e6),
        ("current_max", "current_max", 1e6),
        ("cycle_count", "cyclecount", 1),
        ("energy_empty", "energy_empty", 1e6),
        ("energy_empty_design", "energy_empty_design", 1e6),
        ("energy_full", "energy_full", 1e6),
        ("energy_full_design", "energy_full_design", 1e6),
        ("energy_now", "energy_watthour", 1e6),
        ("input_current_limit", "input_current_limit", 1e6),
        ("online", "online", 1),
        ("power_now", "power_watt", 1e6),
        ("precharge_current", "precharge_current", 1e6),
        ("present", "present", 1),
        ("temp_alert_max", "temp_alert_max_celsius", 10),
        ("temp_alert_min", "temp_alert_min_celsius", 10),
        ("temp_ambient", "temp_ambient_celsius", 10),
        ("temp_ambient_max", "temp_ambient_max_celsius", 10),
        ("temp_ambient_min", "temp_ambient_min_celsius", 10),
        ("temp", "temp_celsius", 10),
        ("temp_max", "temp_max_celsius", 10),
        ("temp_min", "temp_min_celsius", 10),
        ("time_to_empty_now", "time_to_empty_seconds", 1),
        ("time_to_full_now", "time_to_full_seconds", 1),
        ("voltage_boot", "voltage_boot", 1e6),
        ("voltage_max", "voltage_max", 1e6),
        ("voltage_max_design", "voltage_max_design", 1e6),
        ("voltage_min", "voltage_min", 1e6),
        ("voltage_min_design", "voltage_min_design", 1e6),
        ("voltage_ocv", "voltage_ocv", 1e6),
        ("voltage_now", "voltage_volt", 1e6),
    ];

    // Files of node_power_supply_info with their labels; power_supply is the supply's name.
    private static readonly (string File, string Label)[] Texts =
    [
        ("capacity_level", "capacity_level"),
        ("charge_type", "charge_type"),
        ("health", "health"),
        ("manufacturer", "manufacturer"),
        ("model_name", "model_name"),
        ("scope", "scope"),
        ("serial_number", "serial_number"),
        ("status", "status"),
        ("technology", "technology"),
        ("type", "type"),
        ("usb_type", "usb_type"),
    ];

    // Files node_exporter parses as numbers but does not export: a malformed one still fails the collector.
    private static readonly string[] Unexported = ["charge_avg", "current_avg", "energy_avg", "power_avg", "time_to_empty_avg", "time_to_full_avg", "voltage_avg"];

    private static readonly MetricFamily[] Families = Array.ConvertAll(Numbers, static n =>
        new MetricFamily("node_power_supply_" + n.Name, n.Name + " value of /sys/class/power_supply/<power_supply>.", MetricType.Gauge));

    private static readonly MetricFamily Info = new("node_power_supply_info", "info of /sys/class/power_supply/<power_supply>.", MetricType.Gauge);

    private DeviceFilter _ignored = new(DefaultIgnored, "");

    public string Name => "powersupplyclass";

    public bool EnabledByDefault => true;

    public void DefineFlags(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        flags.Add(CollectorFlags.Pattern(IgnoredFlag, "Regexp of power supplies to ignore for powersupplyclass collector.", DefaultIgnored));
    }

    public void Configure(FlagValues flags, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _ignored = new DeviceFilter(flags.GetString(IgnoredFlag), "");
    }

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(writer);
        var root = paths.Sys("class/power_supply");
        if (!Directory.Exists(root))
        {
            return false;
        }

        var supplies = new List<PowerSupply>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            // node_exporter reads every supply before it leaves the ignored ones out.
            var supply = Read(entry);
            if (!_ignored.Ignored(supply.Name))
            {
                supplies.Add(supply);
            }
        }

        Write(supplies, writer);
        return true;
    }

    /// <summary>The families with every supply that has the property, supplies in name order.</summary>
    public static void Write(List<PowerSupply> supplies, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(supplies);
        ArgumentNullException.ThrowIfNull(writer);
        supplies.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var n = 0; n < Numbers.Length; n++)
        {
            foreach (var supply in supplies)
            {
                var value = supply.Values[n];
                if (value is not null)
                {
                    writer.WriteSample(Families[n], supply.Labels, value.Value / Numbers[n].Scale);
                }
            }
        }

        var info = new List<LabelSet>(supplies.Count);
        foreach (var supply in supplies)
        {
            info.Add(supply.Info);
        }

        info.Sort(InfoOrder.Compare);
        foreach (var labels in info)
        {
            writer.WriteSample(Info, labels, 1);
        }
    }

    /// <summary>Reads the regular files of one supply's directory.</summary>
    /// <exception cref="IOException">A file cannot be read for another reason than the kernel having no value.</exception>
    /// <exception cref="FormatException">A numeric file is not a number.</exception>
    public static PowerSupply Read(string directory)
    {
        var name = Path.GetFileName(directory);
        var values = new long?[Numbers.Length];
        var texts = new string?[Texts.Length];
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (file.LinkTarget is not null)
            {
                continue;
            }

            if (!SysAttribute.TryRead(file.FullName, buffer, out var value, out var errno))
            {
                // What the kernel answers for a property the device cannot give now.
                if (errno is SysAttribute.ErrorNoEntry or SysAttribute.ErrorNotSupported or SysAttribute.ErrorNoDevice or SysAttribute.ErrorInvalid)
                {
                    continue;
                }

                throw ProcFile.Error(file.FullName, errno);
            }

            var number = Array.FindIndex(Numbers, n => n.File == file.Name);
            if (number >= 0)
            {
                values[number] = Parse(file.FullName, value);
                continue;
            }

            var text = Array.FindIndex(Texts, t => t.File == file.Name);
            if (text >= 0)
            {
                texts[text] = SysAttribute.Text(value);
            }
            else if (Array.IndexOf(Unexported, file.Name) >= 0)
            {
                _ = Parse(file.FullName, value);
            }
        }

        var pairs = new List<KeyValuePair<string, string>>(Texts.Length + 1) { new("power_supply", name) };
        for (var t = 0; t < Texts.Length; t++)
        {
            if (!string.IsNullOrEmpty(texts[t]))
            {
                pairs.Add(new(Texts[t].Label, texts[t]!));
            }
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new PowerSupply(name, LabelSet.Create([new("power_supply", name)]), values, LabelSet.Create(pairs));
    }

    private static long Parse(string path, ReadOnlySpan<byte> value) =>
        SysAttribute.TryParseSigned(value, out var number)
            ? number
            : throw new FormatException($"{path}: \"{SysAttribute.Text(value)}\" is not a whole number");
}
