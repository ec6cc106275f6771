using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>os-release under --path.rootfs (etc/os-release, else usr/lib/os-release): node_os_info and node_os_version.</summary>
internal sealed class OsCollector : INodeCollector
{
    private static readonly string[] InfoKeys =
        ["BUILD_ID", "ID", "ID_LIKE", "IMAGE_ID", "IMAGE_VERSION", "NAME", "PRETTY_NAME", "VARIANT", "VARIANT_ID", "VERSION", "VERSION_CODENAME", "VERSION_ID"];

    private static readonly MetricFamily Info = new(
        "node_os_info",
        "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
        MetricType.Gauge);

    private static readonly MetricFamily Version = new("node_os_version", "Metric containing the major.minor part of the OS version.", MetricType.Gauge);

    public string Name => "os";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Root("/etc/os-release");
        if (!File.Exists(path))
        {
            path = paths.Root("/usr/lib/os-release");
        }

        using var file = FileBuffer.Read(path);
        Write(file.Span, writer);
    }

    public static void Write(ReadOnlySpan<byte> osRelease, ExpositionWriter writer)
    {
        var values = Parse(osRelease);
        var info = new List<KeyValuePair<string, string>>(InfoKeys.Length);
        foreach (var key in InfoKeys)
        {
            info.Add(new(key.ToLowerInvariant(), values.GetValueOrDefault(key, "")));
        }

        writer.WriteSample(Info, LabelSet.Create(info), 1);
        var version = MajorMinor(values.GetValueOrDefault("VERSION_ID", ""));
        writer.WriteSample(
            Version,
            LabelSet.Create([new("id", values.GetValueOrDefault("ID", "")), new("id_like", values.GetValueOrDefault("ID_LIKE", "")), new("name", values.GetValueOrDefault("NAME", ""))]),
            version);
    }

    /// <summary>KEY=value lines; values may be in single or double quotes.</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = text;
        while (Bytes.NextLine(ref rest, out var line))
        {
            line = line.Trim((byte)' ');
            var equals = line.IndexOf((byte)'=');
            if (line.IsEmpty || line[0] == (byte)'#' || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] == (byte)'"' || value[0] == (byte)'\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[Encoding.UTF8.GetString(line[..equals])] = Encoding.UTF8.GetString(value).Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        return values;
    }

    /// <summary>The major.minor part of a version ("12", "22.04.3" → 22.04); 0 when there is none.</summary>
    public static double MajorMinor(string version)
    {
        var end = 0;
        var dots = 0;
        while (end < version.Length && (char.IsAsciiDigit(version[end]) || (version[end] == '.' && dots++ == 0)))
        {
            end++;
        }

        var text = version[..end].TrimEnd('.');
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
