using System.Net.Sockets;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// One message per datagram, over UDP or a unix datagram socket: a thread of its own takes every datagram
/// queued on the socket with one system call (<see cref="DatagramBatch"/>) and hands each to the namespace's
/// receiver. A datagram longer than a slot was cut by the kernel and is counted as oversize; datagrams the
/// kernel dropped because the socket's buffer was full are counted as it reports them.
/// </summary>
internal sealed class DatagramListener : ISyslogListener
{
    /// <summary>The largest UDP payload, and more than a unix datagram of max_line_bytes plus its header needs.</summary>
    private const int MinSlot = 65536;
    private const int HeaderRoom = 2048;

    /// <summary>Asked of the kernel for bursts; it grants at most net.core.rmem_max (and doubles that).</summary>
    private const int ReceiveBufferBytes = 8 * 1024 * 1024;

    /// <summary>How often a blocked receive looks whether the service is stopping.</summary>
    private const int StopCheckMilliseconds = 200;

    private const int Eintr = 4;
    private const int Eagain = 11;
    private const int Econnrefused = 111;

    private readonly SyslogReceiver _receiver;
    private readonly int _slotBytes;
    private readonly Serilog.ILogger _logger;
    private Socket? _socket;

    public DatagramListener(SyslogReceiver receiver, int maxLineBytes, Serilog.ILogger logger)
    {
        _receiver = receiver;
        _logger = logger;
        _slotBytes = Math.Max(MinSlot, maxLineBytes + HeaderRoom) + 1;
    }

    public void Bind()
    {
        var config = _receiver.Config;
        _socket = config.Transport == SyslogTransport.Unix
            ? UnixSocketFile.Bind(config.SocketPath!, SocketType.Dgram, config.ListenAddress)
            : IpSocket.Bind(config, SocketType.Dgram, ProtocolType.Udp);
        _socket.Blocking = true;
        _socket.ReceiveTimeout = StopCheckMilliseconds;
        _socket.ReceiveBufferSize = ReceiveBufferBytes;
        DatagramBatch.ReportDrops((int)_socket.Handle);
    }

    public Task RunAsync(CancellationToken stop)
    {
        var socket = _socket ?? throw new InvalidOperationException("Bind first");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Receive(socket, stop);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "syslog " + _receiver.Config.ListenAddress,
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose()
    {
        _socket?.Dispose();
        if (_receiver.Config.Transport == SyslogTransport.Unix)
        {
            UnixSocketFile.Remove(_receiver.Config.SocketPath!, _logger);
        }
    }

    private void Receive(Socket socket, CancellationToken stop)
    {
        using var batch = new DatagramBatch(_slotBytes);
        var handle = (int)socket.Handle;
        var drops = 0u;
        while (!stop.IsCancellationRequested)
        {
            var count = batch.Receive(handle);
            if (count < 0)
            {
                if (-count == Eagain)
                {
                    // Idle for a moment: drops at the end of a burst are read here.
                    batch.PollDrops(handle);
                    count = 0;
                }
                else if (-count is Eintr or Econnrefused)
                {
                    continue;
                }
                else
                {
                    _logger.Error("syslog listener {Address}: receiving failed with error {Errno}; it stops", _receiver.Config.ListenAddress, -count);
                    return;
                }
            }

            for (var i = 0; i < count; i++)
            {
                var datagram = batch.Datagram(i, out var truncated);
                if (truncated)
                {
                    _receiver.OnOversize();
                }
                else
                {
                    _receiver.OnMessage(datagram);
                }
            }

            if (batch.KernelDrops != drops)
            {
                _receiver.OnKernelDrops(batch.KernelDrops - drops);
                drops = batch.KernelDrops;
            }
        }
    }
}
