using System.Runtime.InteropServices;
using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>uname(2): node_uname_info with the kernel's names.</summary>
internal sealed partial class UnameCollector : INodeCollector
{
    private const int FieldLength = 65;
    private static readonly MetricFamily Info = new("node_uname_info", "Labeled system information as provided by the uname system call.", MetricType.Gauge);
    private static readonly ContentCache<LabelSet> Labels = new();

    public string Name => "uname";

    public bool EnabledByDefault => true;

    public unsafe bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var buffer = stackalloc byte[FieldLength * 6];
        if (Uname(buffer) != 0)
        {
            throw new IOException("uname failed: " + Marshal.GetLastPInvokeErrorMessage());
        }

        writer.WriteSample(Info, Labels.Get(new ReadOnlySpan<byte>(buffer, FieldLength * 6), MakeLabels), 1);
        return true;
    }

    private static LabelSet MakeLabels(byte[] bytes)
    {
        string Field(int index)
        {
            var field = bytes.AsSpan(index * FieldLength, FieldLength);
            var end = field.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
        }

        return LabelSet.Create(
        [
            new("domainname", Field(5)), new("machine", Field(4)), new("nodename", Field(1)),
            new("release", Field(2)), new("sysname", Field(0)), new("version", Field(3)),
        ]);
    }

    [LibraryImport("libc", EntryPoint = "uname", SetLastError = true)]
    private static unsafe partial int Uname(byte* buffer);
}
