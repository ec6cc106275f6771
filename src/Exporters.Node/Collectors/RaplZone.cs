using System.Globalization;

namespace Exporters.Node.Collectors;

/// <summary>
/// A RAPL zone of /sys/class/powercap: an entry with a <c>name</c> file. A name ending in <c>-&lt;n&gt;</c>
/// (package-0) gives the zone its index; other names are numbered by how often they were seen before, in
/// the order of the entries' names.
/// </summary>
internal sealed record RaplZone(string Name, string Index, string Path)
{
    /// <summary>The zones under <paramref name="root"/>.</summary>
    /// <exception cref="IOException">A zone's max_energy_range_uj cannot be read.</exception>
    /// <exception cref="FormatException">A zone's max_energy_range_uj is not a number.</exception>
    public static List<RaplZone> List(string root)
    {
        var entries = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            entries.Add(System.IO.Path.GetFileName(entry));
        }

        entries.Sort(StringComparer.Ordinal);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var zones = new List<RaplZone>();
        Span<byte> buffer = stackalloc byte[SysAttribute.MaxSize];
        foreach (var entry in entries)
        {
            var path = System.IO.Path.Join(root, entry);
            if (!SysAttribute.TryRead(System.IO.Path.Join(path, "name"), buffer, out var text, out _))
            {
                continue;
            }

            var (index, name) = IndexAndName(used, SysAttribute.Text(text));

            // node_exporter reads the range, and fails without it, though it does not export it.
            _ = SysAttribute.ReadDecimal(System.IO.Path.Join(path, "max_energy_range_uj"));
            zones.Add(new RaplZone(name, index.ToString(CultureInfo.InvariantCulture), path));
            used[name] = index + 1;
        }

        return zones;
    }

    /// <summary>The index and name of a zone named <paramref name="name"/>, given how often each name was seen.</summary>
    public static (int Index, string Name) IndexAndName(Dictionary<string, int> used, string name)
    {
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(name);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && name.IndexOf('-', dash + 1) < 0
            && int.TryParse(name.AsSpan(dash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return (index, name[..dash]);
        }

        return (used.GetValueOrDefault(name), name);
    }
}
