using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Microsoft.Win32.SafeHandles;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/hwmon: every chip's sensors (temperatures, voltages, fans, power, energy, currents, humidity,
/// alarms), read from the chip's directory and its <c>device</c> directory, in node_exporter's units and
/// names. A chip is labelled by its device's path (<c>platform_coretemp_0</c>), else its name file, else
/// its directory; <c>node_hwmon_chip_names</c> and <c>node_hwmon_sensor_label</c> carry the human names.
/// </summary>
internal sealed class HwmonCollector : INodeCollector
{
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static readonly string[] SensorTypes =
        ["vrm", "beep_enable", "update_interval", "in", "cpu", "fan", "pwm", "temp", "curr", "power", "energy", "humidity", "intrusion"];

    private static readonly MetricFamily ChipNames = new("node_hwmon_chip_names", "Annotation metric for human-readable chip names", MetricType.Gauge);
    private static readonly MetricFamily SensorLabel = new("node_hwmon_sensor_label", "Label for given chip and sensor", MetricType.Gauge);
    private static readonly ConcurrentDictionary<string, MetricFamily> Families = new(StringComparer.Ordinal);

    public string Name => "hwmon";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var hwmon = new DirectoryInfo(paths.Sys("class/hwmon"));
        if (!hwmon.Exists)
        {
            // No hwmon class (containers, some virtual machines): no data, as node_exporter has it.
            return false;
        }

        var samples = new List<HwmonSample>();
        foreach (var entry in hwmon.EnumerateFileSystemInfos())
        {
            // A link to a chip counts when it leads to a directory; a dangling link or a plain file is no chip.
            if (entry is DirectoryInfo || (entry.LinkTarget is not null && Directory.Exists(entry.FullName)))
            {
                AddChip(Path.Join(paths.Sys("class/hwmon"), entry.Name), samples);
            }
        }

        samples.Sort(HwmonSample.Compare);
        foreach (var sample in samples)
        {
            writer.WriteSample(sample.Family, sample.Labels, sample.Value);
        }

        return true;
    }

    /// <summary>Adds the samples of the chip in <paramref name="directory"/>.</summary>
    public static void AddChip(string directory, List<HwmonSample> samples)
    {
        var chip = HwmonName.Chip(directory);
        var data = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        ReadSensors(directory, data);
        var device = Path.Join(directory, "device");
        if (Directory.Exists(device))
        {
            ReadSensors(device, data);
        }

        var chipName = HwmonName.ReadName(directory);
        if (chipName is not null)
        {
            samples.Add(new(ChipNames, LabelSet.Create([new("chip", chip), new("chip_name", chipName)]), 1));
        }

        foreach (var (sensor, elements) in data)
        {
            HwmonName.TrySplit(sensor, out var type, out _, out _);
            AddSensor(chip, sensor, type, elements, samples);
        }
    }

    private static void AddSensor(string chip, string sensor, string type, SortedDictionary<string, string> elements, List<HwmonSample> samples)
    {
        var labels = LabelSet.Create([new("chip", chip), new("sensor", sensor)]);
        if (elements.TryGetValue("label", out var label))
        {
            samples.Add(new(SensorLabel, LabelSet.Create([new("chip", chip), new("label", label), new("sensor", sensor)]), 1));
        }

        var hasValue = elements.TryGetValue("", out var own);
        switch (type)
        {
            case "beep_enable":
                samples.Add(new(Family("node_hwmon_beep_enabled", "Hardware beep enabled"), labels, own == "1" ? 1 : 0));
                return;
            case "vrm":
                if (hasValue && TryParse(own!, out var version))
                {
                    samples.Add(new(Family("node_hwmon_voltage_regulator_version", "Hardware voltage regulator"), labels, version));
                }

                return;
            case "update_interval":
                if (hasValue && TryParse(own!, out var interval))
                {
                    samples.Add(new(Family("node_hwmon_update_interval_seconds", "Hardware monitor update interval"), labels, interval * 0.001));
                }

                return;
        }

        var prefix = "node_hwmon_" + type;
        foreach (var (key, text) in elements)
        {
            if (key == "label" || !TryParse(text, out var value))
            {
                continue;
            }

            var element = key;
            var name = element switch
            {
                "input" => hasValue ? prefix + "_input" : prefix,
                "" => prefix,
                _ => prefix + "_" + HwmonName.Clean(element),
            };
            samples.Add(Sample(name, type, element, labels, value));
        }
    }

    /// <summary>One element's sample, in the unit and with the help node_exporter gives its sensor type.</summary>
    private static HwmonSample Sample(string name, string type, string element, LabelSet labels, double value)
    {
        if (element is "fault" or "alarm")
        {
            return new(Family(name, $"Hardware sensor {element} status ({type})"), labels, value);
        }

        if (element == "beep")
        {
            return new(Family(name + "_enabled", "Hardware monitor sensor has beeping enabled"), labels, value);
        }

        switch (type)
        {
            case "in" or "cpu":
                return new(Family(name + "_volts", $"Hardware monitor for voltage ({element})"), labels, value * 0.001);
            case "temp" when element != "type":
                return new(Family(name + "_celsius", $"Hardware monitor for temperature ({(element.Length == 0 ? "input" : element)})"), labels, value * 0.001);
            case "curr":
                return new(Family(name + "_amps", $"Hardware monitor for current ({element})"), labels, value * 0.001);
            case "energy":
                return new(Family(name + "_joule_total", $"Hardware monitor for joules used so far ({element})", MetricType.Counter), labels, value / 1000000.0);
            case "power" when element == "accuracy":
                return new(Family(name, "Hardware monitor power meter accuracy, as a ratio"), labels, value / 1000000.0);
            case "power" when element is "average_interval" or "average_interval_min" or "average_interval_max":
                return new(Family(name + "_seconds", $"Hardware monitor power usage update interval ({element})"), labels, value * 0.001);
            case "power":
                return new(Family(name + "_watt", $"Hardware monitor for power usage in watts ({element})"), labels, value / 1000000.0);
            case "humidity":
                return new(Family(name, $"Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a percentage) ({element})"), labels, value / 1000000.0);
            case "fan" when element is "input" or "min" or "max" or "target":
                return new(Family(name + "_rpm", $"Hardware monitor for fan revolutions per minute ({element})"), labels, value);
            default:
                return new(Family(name, $"Hardware monitor {type} element {element}"), labels, value);
        }
    }

    /// <summary>Reads every sensor file of a known type in <paramref name="directory"/>; a file that cannot be read is left out.</summary>
    private static void ReadSensors(string directory, SortedDictionary<string, SortedDictionary<string, string>> data)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory))
        {
            var fileName = Path.GetFileName(path);
            if (!HwmonName.TrySplit(fileName, out var type, out var number, out var property) || Array.IndexOf(SensorTypes, type) < 0)
            {
                continue;
            }

            var value = ReadValue(path);
            if (value is null)
            {
                continue;
            }

            var sensor = type + number.ToString(CultureInfo.InvariantCulture);
            if (!data.TryGetValue(sensor, out var elements))
            {
                elements = new SortedDictionary<string, string>(StringComparer.Ordinal);
                data[sensor] = elements;
            }

            elements[property] = value;
        }
    }

    /// <summary>
    /// A sensor file's text without its newlines, from one read of at most 128 bytes as node_exporter does
    /// (some drivers answer EAGAIN forever to a read loop); null when it cannot be read.
    /// </summary>
    private static string? ReadValue(string path)
    {
        Span<byte> buffer = stackalloc byte[128];
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path);
            var count = RandomAccess.Read(handle, buffer, 0);
            return Encoding.UTF8.GetString(buffer[..count].Trim((byte)'\n'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value);

    private static MetricFamily Family(string name, string help, MetricType type = MetricType.Gauge) =>
        Families.GetOrAdd(name, static (key, state) => new MetricFamily(key, state.help, state.type), (help, type));
}
