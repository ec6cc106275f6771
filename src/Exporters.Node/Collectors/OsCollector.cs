using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

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

    // The labels and version of the last os-release text, made again only when the text changes.
    private static readonly ContentCache<Tuple<LabelSet, LabelSet, double>> Samples = new();

    public string Name => "os";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var path = paths.Root("/etc/os-release");
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            if (!ProcFile.IsNoFile(errno))
            {
                throw ProcFile.Error(path, errno);
            }

            file = FileBuffer.Read(paths.Root("/usr/lib/os-release"));
        }

        using (file)
        {
            Write(file.Span, writer);
        }

        return true;
    }

    public static void Write(ReadOnlySpan<byte> osRelease, ExpositionWriter writer)
    {
        var (info, versionLabels, version) = Samples.Get(osRelease, static text => MakeSamples(text));
        writer.WriteSample(Info, info, 1);
        writer.WriteSample(Version, versionLabels, version);
    }

    private static Tuple<LabelSet, LabelSet, double> MakeSamples(byte[] osRelease)
    {
        var values = Parse(osRelease);
        var info = new List<KeyValuePair<string, string>>(InfoKeys.Length);
        foreach (var key in InfoKeys)
        {
            info.Add(new(key.ToLowerInvariant(), values.GetValueOrDefault(key, "")));
        }

        return Tuple.Create(
            LabelSet.Create(info),
            LabelSet.Create([new("id", values.GetValueOrDefault("ID", "")), new("id_like", values.GetValueOrDefault("ID_LIKE", "")), new("name", values.GetValueOrDefault("NAME", ""))]),
            MajorMinor(values.GetValueOrDefault("VERSION_ID", "")));
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
