using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/net/sockstat and /proc/net/sockstat6: sockets in use and their memory, per protocol.</summary>
internal sealed class SockStatCollector : INodeCollector
{
    private const int MaxName = 128;
    private static readonly MetricFamily SocketsUsed = new("node_sockstat_sockets_used", "Number of IPv4 sockets in use.", MetricType.Gauge);
    private static readonly FamilyCache Families = new(static name => CreateFamily(name));

    public string Name => "sockstat";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var sockstat = FileBuffer.Read(paths.Proc("net/sockstat"));

        // Without IPv6 there is no sockstat6.
        using var sockstat6 = FileBuffer.ReadIfExists(paths.Proc("net/sockstat6"));
        Write(sockstat.Span, sockstat6.Span, Environment.SystemPageSize, writer);
        return true;
    }

    /// <summary>Writes every family sorted by name; "mem" counts pages, so it also gives mem_bytes.</summary>
    public static void Write(ReadOnlySpan<byte> sockstat, ReadOnlySpan<byte> sockstat6, long pageSize, ExpositionWriter writer)
    {
        var samples = SampleList.ForThisThread();
        Add(sockstat, pageSize, samples);
        Add(sockstat6, pageSize, samples);
        samples.WriteSorted(writer);
    }

    private static void Add(ReadOnlySpan<byte> file, long pageSize, SampleList samples)
    {
        Span<char> name = stackalloc char[MaxName];
        var text = file;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var protocol) || protocol.Length < 2 || protocol[^1] != ':' || protocol.Length + 16 > MaxName)
            {
                continue;
            }

            protocol = protocol[..^1];
            if (protocol.SequenceEqual("sockets"u8))
            {
                if (Bytes.NextField(ref line, out var key) && key.SequenceEqual("used"u8))
                {
                    samples.Add(SocketsUsed, Bytes.NextDouble(ref line));
                }

                continue;
            }

            var prefix = Encoding.UTF8.GetChars(protocol, name);
            name[prefix++] = '_';
            while (Bytes.NextField(ref line, out var key))
            {
                var value = Bytes.NextDouble(ref line);
                if (!IsKnown(key))
                {
                    continue;
                }

                var length = prefix + Encoding.UTF8.GetChars(key, name[prefix..]);
                samples.Add(Families.Get(name[..length]), value);
                if (key.SequenceEqual("mem"u8))
                {
                    "_bytes".AsSpan().CopyTo(name[length..]);
                    samples.Add(Families.Get(name[..(length + 6)]), value * pageSize);
                }
            }
        }
    }

    /// <summary>The states node_exporter reports; others the kernel may add are left out.</summary>
    private static bool IsKnown(ReadOnlySpan<byte> key) =>
        key.SequenceEqual("inuse"u8) || key.SequenceEqual("orphan"u8) || key.SequenceEqual("tw"u8)
        || key.SequenceEqual("alloc"u8) || key.SequenceEqual("mem"u8) || key.SequenceEqual("memory"u8);

    private static MetricFamily CreateFamily(string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return new MetricFamily("node_sockstat_" + name, $"Number of {name[..underscore]} sockets in state {name[(underscore + 1)..]}.", MetricType.Gauge);
    }
}
