using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that answers every request with one fixed status and body, after
/// an optional delay; it stands in for an exporter that is healthy, slow, broken or too big.
/// </summary>
internal sealed class FakeUpstream : LoopbackHttpServer
{
    private readonly int _status;
    private readonly byte[] _body;
    private readonly TimeSpan _delay;
    private readonly string _contentType;

    public FakeUpstream(string body, int status = 200, TimeSpan delay = default, string contentType = "text/plain; version=0.0.4")
        : this(Encoding.UTF8.GetBytes(body), status, delay, contentType)
    {
    }

    public FakeUpstream(byte[] body, int status = 200, TimeSpan delay = default, string contentType = "text/plain; version=0.0.4")
        : this(new IPEndPoint(IPAddress.Loopback, 0), body, status, delay, contentType)
    {
    }

    /// <summary>Listens on a given loopback address and port (0: any free port).</summary>
    public FakeUpstream(IPEndPoint endpoint, byte[] body, int status = 200, TimeSpan delay = default, string contentType = "text/plain; version=0.0.4")
        : base(endpoint)
    {
        _body = body;
        _status = status;
        _delay = delay;
        _contentType = contentType;
        Start();
    }

    protected override async Task ServeAsync(NetworkStream stream, CancellationToken stop)
    {
        var buffer = new byte[8192];
        var request = new StringBuilder();
        while (await ReadHeadAsync(stream, request, buffer, stop))
        {
            var text = request.ToString();
            request.Remove(0, text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
            if (_delay > TimeSpan.Zero)
            {
                await Task.Delay(_delay, stop);
            }

            var head = $"HTTP/1.1 {_status} X\r\nContent-Type: {_contentType}\r\nContent-Length: {_body.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
            await stream.WriteAsync(_body, stop);
        }
    }
}
