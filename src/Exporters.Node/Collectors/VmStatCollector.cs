using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/vmstat: the fields that match --collector.vmstat.fields, one untyped family each.</summary>
internal sealed class VmStatCollector : INodeCollector
{
    private readonly FamilyCache _families;

    public VmStatCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _families = Families(new Regex(options.VmStatFields, RegexOptions.CultureInvariant));
    }

    public string Name => "vmstat";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("vmstat"));
        Write(file.Span, _families, writer);
        return true;
    }

    public static void Write(ReadOnlySpan<byte> vmstat, Regex fields, ExpositionWriter writer) => Write(vmstat, Families(fields), writer);

    /// <summary>A family per field name that <paramref name="fields"/> matches, the match decided once per name.</summary>
    public static FamilyCache Families(Regex fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new FamilyCache(static name => new MetricFamily("node_vmstat_" + name, $"/proc/vmstat information field {name}.", MetricType.Untyped), fields.IsMatch);
    }

    /// <summary>The fields <paramref name="families"/> wants, one family each, sorted by name.</summary>
    public static void Write(ReadOnlySpan<byte> vmstat, FamilyCache families, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(families);
        var samples = SampleList.ForThisThread();
        Span<char> name = stackalloc char[128];
        var text = vmstat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var field) || field.Length > name.Length || !Bytes.NextField(ref line, out var value))
            {
                continue;
            }

            var length = Encoding.UTF8.GetChars(field, name);
            if (families.TryGet(name[..length], out var family))
            {
                samples.Add(family, Bytes.ParseDouble(value));
            }
        }

        samples.WriteSorted(writer);
    }
}
