using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Exporters.NginxLog.Syslog;

namespace Exporters.Benchmarks;

/// <summary>
/// The per-message path of a syslog source: parse one message in place (RFC 3164 as nginx's
/// <c>access_log syslog:</c> writes it, and RFC 5424), check its tag, and count its worker-format access-log
/// line into the namespace's series, as a datagram listener does for each datagram.
/// </summary>
[MemoryDiagnoser]
public class SyslogRecordBenchmarks
{
    private const string Line =
        "192.168.1.10 - - [03/Dec/2026:04:00:00 +0000] \"GET /api/v1/items?id=3 HTTP/1.1\" 200 612 \"-\" "
        + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\" rt=0.004";

    private readonly byte[] _rfc3164 = Encoding.UTF8.GetBytes("<190>Dec  3 04:00:00 host nginx: " + Line);
    private readonly byte[] _rfc5424 = Encoding.UTF8.GetBytes("<190>1 2026-12-03T04:00:00.000000+00:00 host nginx 1234 - - " + Line);

    private SyslogReceiver _receiver3164 = null!;
    private SyslogReceiver _receiver5424 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var recorder = WorkerRecorder.Create();
        _receiver3164 = new SyslogReceiver(Listener(SyslogFormat.Rfc3164), recorder, 64 * 1024);
        _receiver5424 = new SyslogReceiver(Listener(SyslogFormat.Rfc5424), recorder, 64 * 1024);

        // The series exist before measuring (steady state), and both messages are routed, not dropped.
        if (_receiver3164.OnMessage(_rfc3164) != SyslogOutcome.Routed || _receiver5424.OnMessage(_rfc5424) != SyslogOutcome.Routed)
        {
            throw new InvalidOperationException("a benchmark message was not routed to the namespace");
        }
    }

    [Benchmark(Baseline = true)]
    public int Rfc3164Message() => (int)_receiver3164.OnMessage(_rfc3164);

    [Benchmark]
    public int Rfc5424Message() => (int)_receiver5424.OnMessage(_rfc5424);

    private static SyslogConfig Listener(SyslogFormat format) => new()
    {
        ListenAddress = "udp://127.0.0.1:5531",
        Transport = SyslogTransport.Udp,
        EndPoint = new IPEndPoint(IPAddress.Loopback, 5531),
        Format = format,
        Tags = ["nginx"],
    };
}
