using System.Globalization;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// One processor of /proc/cpuinfo (x86 layout): the fields node_cpu_info labels with, and its flags and bugs.
/// </summary>
internal sealed record CpuInfo(string Package, string Core, string Cpu, string Vendor, string Family, string Model, string ModelName, string Microcode, string Stepping, string CacheSize)
{
    public string[] Flags { get; init; } = [];

    public string[] Bugs { get; init; } = [];

    /// <summary>The label values in the order of their sorted names, as node_exporter orders its samples.</summary>
    public string[] SortKey => [CacheSize, Core, Cpu, Family, Microcode, Model, ModelName, Package, Stepping, Vendor];

    /// <summary>
    /// The processors of a /proc/cpuinfo text. A field is "name: value" (the name trimmed, the value as
    /// written); the first line that is not blank must be a "processor" line. Numeric fields that do not
    /// parse make the whole file malformed, as for node_exporter.
    /// </summary>
    /// <exception cref="FormatException">The file does not start with a processor, or a numeric field is not a number.</exception>
    public static List<CpuInfo> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<CpuInfo>();
        var rest = text;
        var first = text[..0];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            first = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (!first.Trim(" \t\r\n\v\f"u8).IsEmpty)
            {
                break;
            }
        }

        first = first.TrimEnd("\r"u8);
        var separator = first.IndexOf(": "u8);
        if (!first.StartsWith("processor"u8) || separator < 0)
        {
            throw new FormatException($"invalid cpuinfo file: \"{Encoding.UTF8.GetString(first)}\"");
        }

        var builder = new Builder { Cpu = Number(first[(separator + 2)..]) };
        while (Bytes.NextLine(ref rest, out var line))
        {
            line = line.TrimEnd("\r"u8);
            separator = line.IndexOf(": "u8);
            if (separator < 0)
            {
                continue;
            }

            var key = Encoding.UTF8.GetString(line[..separator].Trim(" \t\r\n\v\f"u8));
            var value = line[(separator + 2)..];
            switch (key)
            {
                case "processor":
                    list.Add(builder.Build());
                    builder = new Builder { Cpu = Number(value) };
                    break;
                case "vendor" or "vendor_id":
                    builder.Vendor = Text(value);
                    break;
                case "cpu family":
                    builder.Family = Text(value);
                    break;
                case "model":
                    builder.Model = Text(value);
                    break;
                case "model name":
                    builder.ModelName = Text(value);
                    break;
                case "stepping":
                    builder.Stepping = Text(value);
                    break;
                case "microcode":
                    builder.Microcode = Text(value);
                    break;
                case "cache size":
                    builder.CacheSize = Text(value);
                    break;
                case "physical id":
                    builder.Package = Text(value);
                    break;
                case "core id":
                    builder.Core = Text(value);
                    break;
                case "flags":
                    builder.Flags = Fields(value);
                    break;
                case "bugs":
                    builder.Bugs = Fields(value);
                    break;
                case "cpu MHz" or "bogomips":
                    _ = Float(value);
                    break;
                case "siblings" or "cpu cores" or "cpuid level" or "clflush size" or "cache_alignment":
                    _ = Number(value);
                    break;
            }
        }

        list.Add(builder.Build());
        return list;
    }

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    private static string[] Fields(ReadOnlySpan<byte> value)
    {
        var fields = new List<string>();
        while (Bytes.NextField(ref value, out var field))
        {
            fields.Add(Encoding.UTF8.GetString(field));
        }

        return [.. fields];
    }

    /// <summary>An unsigned 32-bit number with Go's base prefixes (0x, 0o, 0b, a leading 0 for octal), as decimal text.</summary>
    private static string Number(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value).Replace("_", "", StringComparison.Ordinal);
        var (digits, radix) = text.Length > 1 && text[0] == '0'
            ? char.ToLowerInvariant(text[1]) switch
            {
                'x' => (text[2..], 16),
                'o' => (text[2..], 8),
                'b' => (text[2..], 2),
                _ => (text[1..], 8),
            }
            : (text, 10);
        if (digits.Length == 0)
        {
            throw new FormatException($"\"{text}\" is not a number");
        }

        ulong number = 0;
        foreach (var c in digits)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                throw new FormatException($"\"{text}\" is not a number");
            }

            number = (number * (ulong)radix) + (ulong)digit;
            if (number > uint.MaxValue)
            {
                throw new FormatException($"\"{text}\" is out of range");
            }
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    private static double Float(ReadOnlySpan<byte> value) =>
        double.TryParse(Encoding.UTF8.GetString(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"\"{Encoding.UTF8.GetString(value)}\" is not a number");

    private sealed class Builder
    {
        public string Cpu { get; set; } = "0";

        public string Package { get; set; } = "";

        public string Core { get; set; } = "";

        public string Vendor { get; set; } = "";

        public string Family { get; set; } = "";

        public string Model { get; set; } = "";

        public string ModelName { get; set; } = "";

        public string Microcode { get; set; } = "";

        public string Stepping { get; set; } = "";

        public string CacheSize { get; set; } = "";

        public string[] Flags { get; set; } = [];

        public string[] Bugs { get; set; } = [];

        public CpuInfo Build() =>
            new(Package, Core, Cpu, Vendor, Family, Model, ModelName, Microcode, Stepping, CacheSize) { Flags = Flags, Bugs = Bugs };
    }
}
