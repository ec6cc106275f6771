using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>
/// An upstream on 127.0.0.1 that answers each request with fixed headers and then whatever a body writer
/// sends: an endless chunked body, a gzip bomb. Writing stops when the client goes away or on dispose.
/// </summary>
internal sealed class StreamingUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _headers;
    private readonly Func<Stream, CancellationToken, Task> _body;
    private int _disposed;

    /// <param name="headers">Header lines after the status line, each ending with CRLF.</param>
    /// <param name="body">Writes the body.</param>
    public StreamingUpstream(string headers, Func<Stream, CancellationToken, Task> body)
    {
        _headers = headers;
        _body = body;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/metrics";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n" + _headers + "Connection: close\r\n\r\n"), _stop.Token);
                await _body(stream, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
