using System.Globalization;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>A kernel CPU list such as /sys/devices/system/cpu/isolated: "1,3-5,10".</summary>
internal static class CpuRange
{
    /// <summary>The CPUs of the list in the order written; an empty list gives none.</summary>
    /// <exception cref="FormatException">An entry is not a number or a range of two numbers.</exception>
    public static List<ushort> Parse(ReadOnlySpan<byte> text)
    {
        var cpus = new List<ushort>();
        var rest = text.TrimEnd("\n"u8);
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf((byte)',');
            var entry = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 1)..];
            if (entry.IsEmpty)
            {
                continue;
            }

            var dash = entry.IndexOf((byte)'-');
            if (dash < 0)
            {
                cpus.Add(unchecked((ushort)Number(entry)));
                continue;
            }

            if (entry[(dash + 1)..].Contains((byte)'-'))
            {
                throw new FormatException($"invalid cpu range: {Encoding.UTF8.GetString(entry)}");
            }

            var end = Number(entry[(dash + 1)..]);
            if (end - Number(entry[..dash]) > ushort.MaxValue)
            {
                throw new FormatException($"cpu range too long: {Encoding.UTF8.GetString(entry)}");
            }

            for (var cpu = Number(entry[..dash]); cpu <= end; cpu++)
            {
                cpus.Add(unchecked((ushort)cpu));
            }
        }

        return cpus;
    }

    private static long Number(ReadOnlySpan<byte> field) =>
        long.TryParse(Encoding.UTF8.GetString(field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"\"{Encoding.UTF8.GetString(field)}\" is not a CPU number");
}
