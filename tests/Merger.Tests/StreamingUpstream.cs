using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>
/// An upstream on 127.0.0.1 that answers each request with fixed headers and then whatever a body writer
/// sends: an endless chunked body, a gzip bomb. Writing stops when the client goes away or on dispose.
/// </summary>
internal sealed class StreamingUpstream : LoopbackHttpServer
{
    private readonly string _headers;
    private readonly Func<Stream, CancellationToken, Task> _body;

    /// <param name="headers">Header lines after the status line, each ending with CRLF.</param>
    /// <param name="body">Writes the body.</param>
    public StreamingUpstream(string headers, Func<Stream, CancellationToken, Task> body)
        : base(new IPEndPoint(IPAddress.Loopback, 0))
    {
        _headers = headers;
        _body = body;
        Start();
    }

    protected override async Task ServeAsync(NetworkStream stream, CancellationToken stop)
    {
        if (!await ReadHeadAsync(stream, new StringBuilder(), new byte[8192], stop))
        {
            return;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n" + _headers + "Connection: close\r\n\r\n"), stop);
        await _body(stream, stop);
    }
}
