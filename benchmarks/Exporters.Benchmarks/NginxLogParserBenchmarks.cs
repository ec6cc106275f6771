using System.Text;
using BenchmarkDotNet.Attributes;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Parsing;

namespace Exporters.Benchmarks;

/// <summary>Parsing one access-log line: the worker stack's format, and a format with upstream times and sizes.</summary>
[MemoryDiagnoser]
public class NginxLogParserBenchmarks
{
    private readonly byte[] _workerLine = Encoding.UTF8.GetBytes(
        "192.168.1.10 - - [24/Nov/2026:02:35:06 +0000] \"GET /api/v1/items?id=3 HTTP/1.1\" 200 612 \"-\" "
        + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\" rt=0.004");

    private readonly byte[] _upstreamLine = Encoding.UTF8.GetBytes(
        "10.1.2.3 [24/Nov/2026:02:35:07 +0000] \"POST /checkout HTTP/2.0\" 502 1543 2210 rt=0.215 "
        + "urt=\"0.012, 0.003 : 0.100\" uct=\"0.001, - : 0.002\" uht=\"-\"");

    private LineParser _worker = null!;
    private LineValues _workerValues = null!;
    private LineParser _upstream = null!;
    private LineValues _upstreamValues = null!;

    [GlobalSetup]
    public void Setup()
    {
        _worker = new LineParser(new CompiledFormat(LogFormat.Parse(
            "'$remote_addr - $remote_user [$time_local] \"$request\" ' '$status $body_bytes_sent \"$http_referer\" ' '\"$http_user_agent\" rt=$request_time'")));
        _workerValues = _worker.CreateValues();
        _upstream = new LineParser(new CompiledFormat(LogFormat.Parse(
            "$remote_addr [$time_local] \"$request\" $status $bytes_sent $request_length rt=$request_time "
            + "urt=\"$upstream_response_time\" uct=\"$upstream_connect_time\" uht=\"$upstream_header_time\"")));
        _upstreamValues = _upstream.CreateValues();
    }

    [Benchmark(Baseline = true)]
    public int WorkerLine() => (int)_worker.Parse(_workerLine, _workerValues) + _workerValues.Status;

    [Benchmark]
    public int UpstreamLine() => (int)_upstream.Parse(_upstreamLine, _upstreamValues) + _upstreamValues.Status;
}
