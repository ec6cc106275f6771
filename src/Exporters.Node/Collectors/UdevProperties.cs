namespace Exporters.Node.Collectors;

/// <summary>
/// A block device's udev properties: the <c>E:NAME=value</c> lines of <c>&lt;--path.udev.data&gt;/b&lt;major&gt;:&lt;minor&gt;</c>,
/// as node_exporter's diskstats collector reads them for node_disk_info and the device mapper and ATA families.
/// </summary>
internal static class UdevProperties
{
    /// <summary>The properties; empty when the file is missing or unreadable.</summary>
    public static Dictionary<string, string> Read(string udevData, string major, string minor)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Join(udevData, $"b{major}:{minor}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return properties;
        }

        foreach (var line in lines)
        {
            if (!line.StartsWith("E:", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                properties[line[2..]] = "";
            }
            else
            {
                properties[line[2..equals]] = line[(equals + 1)..];
            }
        }

        return properties;
    }

    public static string Get(Dictionary<string, string> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value : "";
}
