using System.Buffers;
using System.Net.Sockets;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Syslog over TCP: each connection is read into a pooled buffer and cut into messages, octet-counted
/// (<c>LEN SP MSG</c>, RFC 6587) when a frame starts with a digit, else ended by a newline. A message longer
/// than the buffer is skipped without being buffered and counted as oversize.
/// </summary>
internal sealed class StreamListener : ISyslogListener
{
    private const int HeaderRoom = 2048;
    private const int MaxConnections = 256;

    private readonly SyslogReceiver _receiver;
    private readonly int _bufferSize;
    private readonly Serilog.ILogger _logger;
    private Socket? _socket;
    private int _connections;

    public StreamListener(SyslogReceiver receiver, int maxLineBytes, Serilog.ILogger logger)
    {
        _receiver = receiver;
        _bufferSize = maxLineBytes + HeaderRoom;
        _logger = logger;
    }

    public void Bind() => _socket = IpSocket.Bind(_receiver.Config, SocketType.Stream, ProtocolType.Tcp);

    public async Task RunAsync(CancellationToken stop)
    {
        var socket = _socket ?? throw new InvalidOperationException("Bind first");
        var running = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                _logger.Warning("Syslog listener {Address}: more than {Max} connections; closing a new one", _receiver.Config.ListenAddress, MaxConnections);
                client.Dispose();
                continue;
            }

            running.RemoveAll(t => t.IsCompleted);
            running.Add(ServeAsync(client, stop));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public void Dispose() => _socket?.Dispose();

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        var framer = new StreamFramer(_receiver, buffer.Length);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, stop).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled = framer.Consume(buffer, filled + read);
            }

            framer.Finish(buffer.AsSpan(0, filled));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            client.Dispose();
            Interlocked.Decrement(ref _connections);
        }
    }
}
