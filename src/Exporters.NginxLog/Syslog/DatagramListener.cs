using System.Net.Sockets;
using Exporters.Core.Hosting;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// One message per datagram, over UDP or a unix datagram socket, into one buffer allocated once. A
/// datagram that fills the buffer may have been cut by the kernel and is counted as oversize.
/// </summary>
internal sealed class DatagramListener : ISyslogListener
{
    /// <summary>The largest UDP payload, and more than a unix datagram of max_line_bytes plus its header needs.</summary>
    private const int MinBuffer = 65536;
    private const int HeaderRoom = 2048;

    private readonly SyslogReceiver _receiver;
    private readonly byte[] _buffer;
    private readonly Serilog.ILogger _logger;
    private Socket? _socket;

    public DatagramListener(SyslogReceiver receiver, int maxLineBytes, Serilog.ILogger logger)
    {
        _receiver = receiver;
        _logger = logger;
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(MinBuffer, maxLineBytes + HeaderRoom) + 1, pinned: true);
    }

    public void Bind()
    {
        var config = _receiver.Config;
        if (config.Transport == SyslogTransport.Unix)
        {
            _socket = UnixSocketFile.Bind(config.SocketPath!, SocketType.Dgram, config.ListenAddress);
            return;
        }

        var socket = new Socket(config.EndPoint!.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(config.EndPoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ServiceStartException($"syslog listener {config.ListenAddress}: {e.Message}", e);
        }

        _socket = socket;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var socket = _socket ?? throw new InvalidOperationException("Bind first");
        var memory = _buffer.AsMemory();
        while (!stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveAsync(memory, SocketFlags.None, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received == _buffer.Length)
            {
                _receiver.OnOversize();
                continue;
            }

            Handle(received);
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        if (_receiver.Config.Transport == SyslogTransport.Unix)
        {
            UnixSocketFile.Remove(_receiver.Config.SocketPath!, _logger);
        }
    }

    private void Handle(int received) => _receiver.OnMessage(_buffer.AsSpan(0, received));
}
