using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>/proc/pressure/{cpu,io,memory}: the total stall times of pressure stall information.</summary>
internal sealed class PressureCollector : INodeCollector
{
    private static readonly MetricFamily CpuWaiting = new("node_pressure_cpu_waiting_seconds_total", "Total time in seconds that processes have waited for CPU time", MetricType.Counter);
    private static readonly MetricFamily IoStalled = new("node_pressure_io_stalled_seconds_total", "Total time in seconds no process could make progress due to IO congestion", MetricType.Counter);
    private static readonly MetricFamily IoWaiting = new("node_pressure_io_waiting_seconds_total", "Total time in seconds that processes have waited due to IO congestion", MetricType.Counter);
    private static readonly MetricFamily MemoryStalled = new("node_pressure_memory_stalled_seconds_total", "Total time in seconds no process could make progress due to memory congestion", MetricType.Counter);
    private static readonly MetricFamily MemoryWaiting = new("node_pressure_memory_waiting_seconds_total", "Total time in seconds that processes have waited for memory", MetricType.Counter);

    public string Name => "pressure";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var (cpuSome, _) = Read(paths.Proc("pressure/cpu"));
        var (ioSome, ioFull) = Read(paths.Proc("pressure/io"));
        var (memorySome, memoryFull) = Read(paths.Proc("pressure/memory"));
        writer.WriteSample(CpuWaiting, LabelSet.Empty, cpuSome);
        writer.WriteSample(IoStalled, LabelSet.Empty, ioFull);
        writer.WriteSample(IoWaiting, LabelSet.Empty, ioSome);
        writer.WriteSample(MemoryStalled, LabelSet.Empty, memoryFull);
        writer.WriteSample(MemoryWaiting, LabelSet.Empty, memorySome);
        return true;
    }

    /// <summary>The <c>total=</c> of the "some" and "full" lines, in seconds.</summary>
    public static (double Some, double Full) Parse(ReadOnlySpan<byte> text)
    {
        double some = 0;
        double full = 0;
        var rest = text;
        while (Bytes.NextLine(ref rest, out var line))
        {
            if (!Bytes.NextField(ref line, out var kind))
            {
                continue;
            }

            while (Bytes.NextField(ref line, out var field))
            {
                if (field.StartsWith("total="u8))
                {
                    // As node_exporter computes it: microseconds / 1000 / 1000 (not / 1e6, which rounds differently).
                    var seconds = Bytes.ParseUInt64(field["total="u8.Length..]) / 1000.0 / 1000.0;
                    if (kind.SequenceEqual("some"u8))
                    {
                        some = seconds;
                    }
                    else if (kind.SequenceEqual("full"u8))
                    {
                        full = seconds;
                    }
                }
            }
        }

        return (some, full);
    }

    private static (double Some, double Full) Read(string path)
    {
        using var file = FileBuffer.Read(path);
        return Parse(file.Span);
    }
}
