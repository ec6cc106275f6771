using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/interrupts: each interrupt's count per CPU, with its name, its chip and its devices.</summary>
internal sealed class InterruptsCollector : INodeCollector
{
    private static readonly MetricFamily Total = new("node_interrupts_total", "Interrupt details.", MetricType.Counter);

    public string Name => "interrupts";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("interrupts"));
        Write(file.Span, writer);
        return true;
    }

    /// <summary>
    /// The header names one column per CPU. A line needs a value per CPU and something after them; the name
    /// is its first field less its last character (the colon). A numbered interrupt's first field after the
    /// values is its chip (info) and the rest its devices; for a named one all of the rest is info. A name
    /// given twice keeps its last line. Samples are ordered by cpu, devices, info and name, as text.
    /// </summary>
    /// <exception cref="FormatException">The file is empty or a value is not a number.</exception>
    public static void Write(ReadOnlySpan<byte> interrupts, ExpositionWriter writer)
    {
        var rest = interrupts;
        if (!Bytes.NextLine(ref rest, out var header))
        {
            throw new FormatException("interrupts empty");
        }

        var cpus = 0;
        while (Bytes.NextField(ref header, out _))
        {
            cpus++;
        }

        var lines = new Dictionary<string, (string Info, string Devices, double[] Values)>(StringComparer.Ordinal);
        var fields = new List<string>();
        while (Bytes.NextLine(ref rest, out var line))
        {
            fields.Clear();
            while (Bytes.NextField(ref line, out var field))
            {
                fields.Add(Encoding.UTF8.GetString(field));
            }

            if (fields.Count < cpus + 2)
            {
                continue;
            }

            var name = fields[0][..^1];
            var values = new double[cpus];
            for (var cpu = 0; cpu < cpus; cpu++)
            {
                values[cpu] = GoFloat.Parse(Encoding.UTF8.GetBytes(fields[cpu + 1]));
            }

            var numbered = int.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            lines[name] = numbered
                ? (fields[cpus + 1], string.Join(' ', fields.GetRange(cpus + 2, fields.Count - cpus - 2)), values)
                : (string.Join(' ', fields.GetRange(cpus + 1, fields.Count - cpus - 1)), "", values);
        }

        var samples = new List<(string Cpu, string Devices, string Info, string Name, double Value)>();
        foreach (var (name, (info, devices, values)) in lines)
        {
            for (var cpu = 0; cpu < values.Length; cpu++)
            {
                samples.Add((cpu.ToString(CultureInfo.InvariantCulture), devices, info, name, values[cpu]));
            }
        }

        samples.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Cpu, b.Cpu);
            order = order != 0 ? order : string.CompareOrdinal(a.Devices, b.Devices);
            order = order != 0 ? order : string.CompareOrdinal(a.Info, b.Info);
            return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
        });
        foreach (var sample in samples)
        {
            writer.WriteSample(Total, LabelSet.Create([new("cpu", sample.Cpu), new("devices", sample.Devices), new("info", sample.Info), new("type", sample.Name)]), sample.Value);
        }
    }
}
