using System.Collections.Concurrent;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/meminfo: one gauge per field, named as node_exporter names them: <c>Active(anon)</c> becomes
/// <c>Active_anon</c>, and a field in kB becomes <c>node_memory_&lt;Field&gt;_bytes</c> in bytes.
/// </summary>
internal sealed class MemInfoCollector : INodeCollector
{
    private const int MaxFamilies = 1024;
    private static readonly ConcurrentDictionary<string, MetricFamily> Families = new(StringComparer.Ordinal);

    public string Name => "meminfo";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("meminfo"));
        Write(file.Span, writer);
        return true;
    }

    public static void Write(ReadOnlySpan<byte> meminfo, ExpositionWriter writer)
    {
        Span<char> name = stackalloc char[128];
        var text = meminfo;
        while (Bytes.NextLine(ref text, out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon];
            var rest = line[(colon + 1)..];
            var value = (double)Bytes.NextUInt64(ref rest);
            var inKb = Bytes.NextField(ref rest, out var unit);
            if (inKb)
            {
                value *= 1024;
            }

            var length = MetricName(key, inKb, name);
            writer.WriteSample(Family(name[..length]), LabelSet.Empty, value);
        }

    }

    /// <summary>Writes <c>node_memory_&lt;Field&gt;[_bytes]</c> into <paramref name="name"/> and returns its length.</summary>
    public static int MetricName(ReadOnlySpan<byte> key, bool bytes, Span<char> name)
    {
        var length = 0;
        foreach (var c in "node_memory_")
        {
            name[length++] = c;
        }

        foreach (var b in key)
        {
            if (length >= name.Length - 8)
            {
                throw new FormatException("a meminfo field name is too long");
            }

            name[length++] = b switch
            {
                (byte)'(' => '_',
                (byte)')' => '\0',
                _ when char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_' => (char)b,
                _ => '_',
            };
            if (name[length - 1] == '\0')
            {
                length--;
            }
        }

        if (bytes)
        {
            foreach (var c in "_bytes")
            {
                name[length++] = c;
            }
        }

        return length;
    }

    private static MetricFamily Family(ReadOnlySpan<char> name)
    {
        var lookup = Families.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var family))
        {
            return family;
        }

        var text = new string(name);
        var field = text["node_memory_".Length..];
        family = new MetricFamily(text, "Memory information field " + field + ".", MetricType.Gauge);
        if (Families.Count < MaxFamilies)
        {
            family = Families.GetOrAdd(text, family);
        }

        return family;
    }
}
