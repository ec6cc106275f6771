using System.Text;
using System.Text.Unicode;
using Exporters.NginxLog.Tailing;

namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Turns one namespace's syslog messages into log lines: parses each in place, drops those of other tags or
/// longer than max_line_bytes, and hands the content to the namespace's line sink, as a file line would be.
/// Thread-safe; allocates nothing per message.
/// </summary>
internal sealed class SyslogReceiver
{
    private readonly ILineSink _sink;
    private readonly SyslogFormat _format;
    private readonly byte[][] _tags;
    private readonly int _maxLineBytes;
    private long _received;
    private long _malformed;
    private long _wrongTag;
    private long _oversize;
    private long _bufferFull;

    public SyslogReceiver(SyslogConfig config, ILineSink sink, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _sink = sink;
        _format = config.Format;
        _tags = [.. config.Tags.Select(Encoding.UTF8.GetBytes)];
        _maxLineBytes = maxLineBytes;
    }

    public SyslogConfig Config { get; }

    public long Received => Interlocked.Read(ref _received);

    public long Malformed => Interlocked.Read(ref _malformed);

    public long WrongTag => Interlocked.Read(ref _wrongTag);

    public long Oversize => Interlocked.Read(ref _oversize);

    /// <summary>Messages the kernel dropped before they were received, because the socket's buffer was full.</summary>
    public long BufferFull => Interlocked.Read(ref _bufferFull);

    public SyslogOutcome OnMessage(ReadOnlySpan<byte> message)
    {
        Interlocked.Increment(ref _received);
        if (!SyslogParser.TryParse(message, _format, out var tag, out var content) || !Utf8.IsValid(message))
        {
            Interlocked.Increment(ref _malformed);
            return SyslogOutcome.Malformed;
        }

        if (!TagAccepted(message[tag]))
        {
            Interlocked.Increment(ref _wrongTag);
            return SyslogOutcome.WrongTag;
        }

        var line = message[content];
        if (line.Length > _maxLineBytes)
        {
            Interlocked.Increment(ref _oversize);
            return SyslogOutcome.Oversize;
        }

        _sink.OnLine(line);
        return SyslogOutcome.Routed;
    }

    /// <summary>A message too long for the listener's buffer, never parsed.</summary>
    public void OnOversize()
    {
        Interlocked.Increment(ref _received);
        Interlocked.Increment(ref _oversize);
    }

    /// <summary>Messages the kernel reports it dropped since it last reported (never received, so not in Received).</summary>
    public void OnKernelDrops(uint count) => Interlocked.Add(ref _bufferFull, count);

    private bool TagAccepted(ReadOnlySpan<byte> tag)
    {
        if (_tags.Length == 0)
        {
            return true;
        }

        foreach (var accepted in _tags)
        {
            if (tag.SequenceEqual(accepted))
            {
                return true;
            }
        }

        return false;
    }
}
