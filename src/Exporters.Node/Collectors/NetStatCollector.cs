using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6: the protocol counters that match
/// --collector.netstat.fields, one untyped family each, named Protocol_Field.
/// </summary>
internal sealed class NetStatCollector : INodeCollector
{
    private const int MaxName = 256;
    private readonly FamilyCache _families;

    public NetStatCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _families = Families(new Regex(options.NetStatFields, RegexOptions.CultureInvariant));
    }

    public string Name => "netstat";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var netstat = FileBuffer.Read(paths.Proc("net/netstat"));
        using var snmp = FileBuffer.Read(paths.Proc("net/snmp"));

        // Without IPv6 there is no snmp6.
        using var snmp6 = FileBuffer.ReadIfExists(paths.Proc("net/snmp6"));
        Write(netstat.Span, snmp.Span, snmp6.Span, _families, writer);
        return true;
    }

    public static void Write(ReadOnlySpan<byte> netstat, ReadOnlySpan<byte> snmp, ReadOnlySpan<byte> snmp6, Regex fields, ExpositionWriter writer) =>
        Write(netstat, snmp, snmp6, Families(fields), writer);

    /// <summary>The fields <paramref name="families"/> wants, one family each, sorted by name.</summary>
    public static void Write(ReadOnlySpan<byte> netstat, ReadOnlySpan<byte> snmp, ReadOnlySpan<byte> snmp6, FamilyCache families, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(families);
        var samples = SampleList.ForThisThread();
        AddPairs(netstat, families, samples);
        AddPairs(snmp, families, samples);
        AddSnmp6(snmp6, families, samples);
        samples.WriteSorted(writer);
    }

    /// <summary>A family per field name that <paramref name="fields"/> matches, the match decided once per name.</summary>
    public static FamilyCache Families(Regex fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new FamilyCache(
            static name => new MetricFamily("node_netstat_" + name, $"Statistic {name.Replace("_", "", StringComparison.Ordinal)}.", MetricType.Untyped),
            fields.IsMatch);
    }

    /// <summary>Lines in pairs: "Proto: Name1 Name2 ..." then "Proto: value1 value2 ...".</summary>
    private static void AddPairs(ReadOnlySpan<byte> file, FamilyCache families, SampleList samples)
    {
        Span<char> name = stackalloc char[MaxName];
        var text = file;
        while (Bytes.NextLine(ref text, out var names))
        {
            if (!Bytes.NextLine(ref text, out var values))
            {
                throw new FormatException("a line of names has no line of values");
            }

            if (!Bytes.NextField(ref names, out var protocol) || !Bytes.NextField(ref values, out _) || protocol.Length < 2 || protocol[^1] != ':')
            {
                continue;
            }

            var prefix = Encoding.UTF8.GetChars(protocol[..^1], name);
            name[prefix++] = '_';
            while (Bytes.NextField(ref names, out var field))
            {
                var value = Bytes.NextField(ref values, out var v) ? v : throw new FormatException("a line of values is short");
                if (prefix + field.Length > MaxName)
                {
                    continue;
                }

                var length = prefix + Encoding.UTF8.GetChars(field, name[prefix..]);
                if (families.TryGet(name[..length], out var family))
                {
                    samples.Add(family, Bytes.ParseDouble(value));
                }
            }
        }
    }

    /// <summary>Lines of "Ip6InReceives 123": the protocol is the name up to its "6".</summary>
    private static void AddSnmp6(ReadOnlySpan<byte> file, FamilyCache families, SampleList samples)
    {
        Span<char> name = stackalloc char[MaxName];
        var text = file;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var field) || !Bytes.NextField(ref line, out var value) || field.Length + 1 > MaxName)
            {
                continue;
            }

            var six = field.IndexOf((byte)'6');
            if (six < 0)
            {
                continue;
            }

            var length = Encoding.UTF8.GetChars(field[..(six + 1)], name);
            name[length++] = '_';
            length += Encoding.UTF8.GetChars(field[(six + 1)..], name[length..]);
            if (families.TryGet(name[..length], out var family))
            {
                samples.Add(family, Bytes.ParseDouble(value));
            }
        }
    }
}
