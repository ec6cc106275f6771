using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exporters.Merger.Tests;

/// <summary>
/// A TCP listener on 127.0.0.1 that hands each connection to <see cref="ServeAsync"/>, for upstreams that
/// answer HTTP by hand; a client going away ends its connection quietly, and dispose stops everything.
/// </summary>
internal abstract class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    protected LoopbackHttpServer(IPEndPoint endpoint)
    {
        _listener = new TcpListener(endpoint);
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

    /// <summary>Reads into <paramref name="request"/> until it holds a whole request head; false when the client closed first.</summary>
    protected static async Task<bool> ReadHeadAsync(NetworkStream stream, StringBuilder request, byte[] buffer, CancellationToken stop)
    {
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop);
            if (read == 0)
            {
                return false;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return true;
    }

    /// <summary>Starts accepting; called by the derived constructor once its fields are set.</summary>
    protected void Start()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Answers one connection until it is done.</summary>
    protected abstract Task ServeAsync(NetworkStream stream, CancellationToken stop);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeClientAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client.GetStream(), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
