using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Exporters.NginxLog.Metrics;
using Exporters.NginxLog.Tailing;

namespace Exporters.Benchmarks;

/// <summary>
/// The whole per-line path of the access-log exporter: parse one worker-format line and count it into its
/// series (method, status, bytes, request-time histogram). Per line: one line given directly, and a block
/// of lines cut by the tailer's line splitter from two segments whose boundary falls inside a line.
/// </summary>
[MemoryDiagnoser]
public class NginxLogRecordBenchmarks
{
    private const int BlockLines = 1000;
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Statuses = ["200", "200", "200", "201", "304", "404", "500"];

    private readonly byte[] _line = Encoding.UTF8.GetBytes(
        "192.168.1.10 - - [24/Nov/2026:02:35:06 +0000] \"GET /api/v1/items?id=3 HTTP/1.1\" 200 612 \"-\" "
        + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\" rt=0.004");

    private NamespaceRecorder _recorder = null!;
    private LineSplitter _splitter = null!;
    private ReadOnlySequence<byte> _block;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = WorkerRecorder.Create();
        _splitter = new LineSplitter(64 * 1024);

        var text = new StringBuilder();
        for (var i = 0; i < BlockLines; i++)
        {
            text.Append(FormattableString.Invariant(
                $"10.0.{i % 250}.{(i % 200) + 1} - - [24/Nov/2026:02:35:06 +0000] \"{Methods[i % Methods.Length]} /api/items/{i % 50} HTTP/1.1\" {Statuses[i % Statuses.Length]} {i * 7 % 5000} \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=0.{i % 1000:000}\n"));
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        _block = BenchmarkSegment.TwoSegments(bytes, (bytes.Length / 2) + 17);

        // Every series exists before measuring: steady state.
        _recorder.OnLine(_line);
        SplitBlock();
    }

    [Benchmark(Baseline = true)]
    public void OneLine() => _recorder.OnLine(_line);

    [Benchmark(OperationsPerInvoke = BlockLines)]
    public long LinesAcrossTwoSegments() => SplitBlock();

    private long SplitBlock()
    {
        _splitter.Split(_block, _recorder, out var lines, out _, out _);
        return lines;
    }
}
