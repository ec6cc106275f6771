namespace Exporters.NginxLog.Syslog;

/// <summary>
/// Finds the tag and the content of one syslog message in place (no copy, no allocation): RFC 3164 as nginx
/// writes it (with or without a host name, a tag optionally followed by <c>[pid]</c>) and RFC 5424.
/// </summary>
internal static class SyslogParser
{
    private const int MaxPriority = 191;

    /// <summary>False when the message is not of <paramref name="format"/>; a trailing newline is not content.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, SyslogFormat format, out Range tag, out Range content)
    {
        tag = content = default;
        if (!TryReadPriority(message, out var at))
        {
            return false;
        }

        var is5424 = format switch
        {
            SyslogFormat.Rfc5424 => true,
            SyslogFormat.Rfc3164 => false,
            _ => message.Length > at + 1 && message[at] == (byte)'1' && message[at + 1] == (byte)' ',
        };
        var ok = is5424 ? TryParse5424(message, at, out tag, out content) : TryParse3164(message, at, out tag, out content);
        if (ok)
        {
            var (start, end) = (content.Start.Value, content.End.Value);
            while (end > start && message[end - 1] is (byte)'\n' or (byte)'\r')
            {
                end--;
            }

            content = start..end;
        }

        return ok;
    }

    private static bool TryReadPriority(ReadOnlySpan<byte> message, out int next)
    {
        next = 0;
        if (message.Length < 3 || message[0] != (byte)'<')
        {
            return false;
        }

        var value = 0;
        var i = 1;
        for (; i < message.Length && i <= 4 && char.IsAsciiDigit((char)message[i]); i++)
        {
            value = (value * 10) + (message[i] - '0');
        }

        if (i == 1 || i > 4 || i >= message.Length || message[i] != (byte)'>' || value > MaxPriority)
        {
            return false;
        }

        next = i + 1;
        return true;
    }

    /// <summary><c>Mmm dd hh:mm:ss [host ]tag[\[pid\]]: content</c>; the timestamp may be missing.</summary>
    private static bool TryParse3164(ReadOnlySpan<byte> message, int at, out Range tag, out Range content)
    {
        tag = content = default;
        if (IsTimestamp(message[at..]))
        {
            at += 16;
        }

        var first = NextToken(message, at);
        if (IsEmpty(first))
        {
            return false;
        }

        var tagToken = first;
        if (message[first.End.Value - 1] != (byte)':')
        {
            // The first token was the host name; the tag follows it.
            tagToken = NextToken(message, first.End.Value + 1);
            if (IsEmpty(tagToken) || message[tagToken.End.Value - 1] != (byte)':')
            {
                return false;
            }
        }

        var tagEnd = tagToken.End.Value - 1;
        var bracket = message[tagToken.Start.Value..tagEnd].IndexOf((byte)'[');
        if (bracket >= 0)
        {
            tagEnd = tagToken.Start.Value + bracket;
        }

        if (tagEnd == tagToken.Start.Value)
        {
            return false;
        }

        tag = tagToken.Start.Value..tagEnd;
        var start = tagToken.End.Value;
        if (start < message.Length && message[start] == (byte)' ')
        {
            start++;
        }

        content = start..message.Length;
        return true;
    }

    /// <summary><c>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]</c>; the tag is APP-NAME.</summary>
    private static bool TryParse5424(ReadOnlySpan<byte> message, int at, out Range tag, out Range content)
    {
        tag = content = default;
        Span<Range> fields = stackalloc Range[6];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = NextToken(message, at);
            if (IsEmpty(fields[i]))
            {
                return false;
            }

            at = fields[i].End.Value + 1;
            if (fields[i].End.Value >= message.Length)
            {
                return false;
            }
        }

        if (!message[fields[0]].SequenceEqual("1"u8))
        {
            return false;
        }

        tag = message[fields[3]].SequenceEqual("-"u8) ? default : fields[3];
        if (!TrySkipStructuredData(message, ref at))
        {
            return false;
        }

        if (at < message.Length)
        {
            if (message[at] != (byte)' ')
            {
                return false;
            }

            at++;
            if (message[at..].StartsWith("\uFEFF"u8))
            {
                at += 3;
            }
        }

        content = at..message.Length;
        return true;
    }

    private static bool TrySkipStructuredData(ReadOnlySpan<byte> message, ref int at)
    {
        if (at >= message.Length)
        {
            return false;
        }

        if (message[at] == (byte)'-')
        {
            at++;
            return true;
        }

        var elements = 0;
        while (at < message.Length && message[at] == (byte)'[')
        {
            var quoted = false;
            at++;
            for (; at < message.Length; at++)
            {
                var c = message[at];
                if (quoted && c == (byte)'\\')
                {
                    at++;
                }
                else if (c == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && c == (byte)']')
                {
                    break;
                }
            }

            if (at >= message.Length)
            {
                return false;
            }

            at++;
            elements++;
        }

        return elements > 0;
    }

    /// <summary>"Mmm dd hh:mm:ss " (day padded with a space).</summary>
    private static bool IsTimestamp(ReadOnlySpan<byte> s) =>
        s.Length > 16 && char.IsAsciiLetter((char)s[0]) && char.IsAsciiLetter((char)s[1]) && char.IsAsciiLetter((char)s[2])
        && s[3] == (byte)' ' && s[6] == (byte)' ' && s[9] == (byte)':' && s[12] == (byte)':' && s[15] == (byte)' ';

    private static Range NextToken(ReadOnlySpan<byte> message, int at)
    {
        if (at >= message.Length)
        {
            return at..at;
        }

        var space = message[at..].IndexOf((byte)' ');
        return at..(space < 0 ? message.Length : at + space);
    }

    private static bool IsEmpty(Range range) => range.End.Value <= range.Start.Value;
}
