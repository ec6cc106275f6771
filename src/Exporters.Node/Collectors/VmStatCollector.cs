using System.Text;
using System.Text.RegularExpressions;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/vmstat: the fields that match --collector.vmstat.fields, one untyped family each.</summary>
internal sealed class VmStatCollector : INodeCollector
{
    private static readonly FamilyCache Families = new(static name => new MetricFamily("node_vmstat_" + name, $"/proc/vmstat information field {name}.", MetricType.Untyped));
    private readonly Regex _fields;

    public VmStatCollector(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fields = new Regex(options.VmStatFields, RegexOptions.CultureInvariant);
    }

    public string Name => "vmstat";

    public bool EnabledByDefault => true;

    public void Update(NodePaths paths, ExpositionWriter writer)
    {
        using var file = FileBuffer.Read(paths.Proc("vmstat"));
        Write(file.Span, _fields, writer);
    }

    public static void Write(ReadOnlySpan<byte> vmstat, Regex fields, ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var samples = new SampleList();
        Span<char> name = stackalloc char[128];
        var text = vmstat;
        while (Bytes.NextLine(ref text, out var line))
        {
            if (!Bytes.NextField(ref line, out var field) || field.Length > name.Length || !Bytes.NextField(ref line, out var value))
            {
                continue;
            }

            var length = Encoding.UTF8.GetChars(field, name);
            if (fields.IsMatch(name[..length]))
            {
                samples.Add(Families.Get(name[..length]), Bytes.ParseDouble(value));
            }
        }

        samples.WriteSorted(writer);
    }
}
