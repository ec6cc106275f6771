using System.Globalization;

namespace Exporters.Node.Collectors;

/// <summary>
/// The thermal throttle counts of /sys/devices/system/cpu/cpu*/thermal_throttle, one per core and one per
/// package (the first CPU of each that has the count gives it), as node_exporter reads them.
/// </summary>
internal static class CpuThrottles
{
    /// <summary>
    /// Reads the CPUs under <paramref name="cpuRoot"/> in name order. A CPU without its topology ids is
    /// skipped; a count missing or not a number is left for the next CPU of the same core or package.
    /// </summary>
    public static (SortedDictionary<string, ulong> Packages, SortedDictionary<(string Core, string Package), ulong> Cores) Read(string cpuRoot)
    {
        var packages = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        var cores = new SortedDictionary<(string Core, string Package), ulong>(CoreOrder.Instance);
        if (!Directory.Exists(cpuRoot))
        {
            return (packages, cores);
        }

        var cpus = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(cpuRoot, "cpu*"))
        {
            var name = Path.GetFileName(entry);
            if (name.Length > 3 && char.IsAsciiDigit(name[3]))
            {
                cpus.Add(entry);
            }
        }

        cpus.Sort(StringComparer.Ordinal);
        foreach (var cpu in cpus)
        {
            if (!TryReadUInt(Path.Combine(cpu, "topology", "physical_package_id"), out var package)
                || !TryReadUInt(Path.Combine(cpu, "topology", "core_id"), out var core))
            {
                continue;
            }

            var packageText = package.ToString(CultureInfo.InvariantCulture);
            var key = (core.ToString(CultureInfo.InvariantCulture), packageText);
            if (!cores.ContainsKey(key) && TryReadUInt(Path.Combine(cpu, "thermal_throttle", "core_throttle_count"), out var coreCount))
            {
                cores[key] = coreCount;
            }

            if (!packages.ContainsKey(packageText) && TryReadUInt(Path.Combine(cpu, "thermal_throttle", "package_throttle_count"), out var packageCount))
            {
                packages[packageText] = packageCount;
            }
        }

        return (packages, cores);
    }

    private static bool TryReadUInt(string path, out ulong value)
    {
        value = 0;
        if (!FileBuffer.TryRead(path, out var file, out _))
        {
            return false;
        }

        using (file)
        {
            var text = file.Span.Trim(" \t\r\n\v\f"u8);
            return System.Buffers.Text.Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0;
        }
    }

    private sealed class CoreOrder : IComparer<(string Core, string Package)>
    {
        public static readonly CoreOrder Instance = new();

        public int Compare((string Core, string Package) x, (string Core, string Package) y)
        {
            var first = string.CompareOrdinal(x.Core, y.Core);
            return first != 0 ? first : string.CompareOrdinal(x.Package, y.Package);
        }
    }
}
