using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that answers every request with one fixed status and body, after
/// an optional delay; it stands in for an exporter that is healthy, slow, broken or too big.
/// </summary>
internal sealed class FakeUpstream : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _status;
    private readonly byte[] _body;
    private readonly TimeSpan _delay;
    private readonly string _contentType;
    private int _disposed;

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
    {
        _listener = new TcpListener(endpoint);
        _body = body;
        _status = status;
        _delay = delay;
        _contentType = contentType;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{Port}/metrics";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

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
                while (true)
                {
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var text = request.ToString();
                    request.Remove(0, text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
                    if (_delay > TimeSpan.Zero)
                    {
                        await Task.Delay(_delay, _stop.Token);
                    }

                    var head = $"HTTP/1.1 {_status} X\r\nContent-Type: {_contentType}\r\nContent-Length: {_body.Length}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.WriteAsync(_body, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
