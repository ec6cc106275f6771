using System.Globalization;
using System.Text.RegularExpressions;

namespace Exporters.Node.Collectors;

/// <summary>
/// One md device of /proc/mdstat: its name, activity state (active, inactive, recovering, checking,
/// resyncing, or what the device line says) and disk and block counts.
/// </summary>
internal sealed record MdStat(string Name, string State, long DisksActive, long DisksTotal, long DisksFailed, long DisksSpare, long BlocksTotal, long BlocksSynced);

/// <summary>
/// The parser of /proc/mdstat, with node_exporter's reading of it: a device line (<c>md0 : active raid1
/// sda1[0] sdb1[1](F)</c>), a status line (<c>1234 blocks ... [2/1] [U_]</c>), then an optional bitmap line and
/// an optional sync line (<c>recovery</c>, <c>resync</c>, <c>check</c>, or <c>resync=PENDING/DELAYED</c>).
/// The file is small, so it is parsed as text with the same patterns node_exporter matches.
/// </summary>
internal static partial class MdStatParser
{
    /// <exception cref="FormatException">A device has too few lines or a line does not have its expected shape.</exception>
    public static List<MdStat> Parse(string text)
    {
        var devices = new List<MdStat>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.AsSpan().Trim().IsEmpty || line[0] == ' '
                || line.StartsWith("Personalities", StringComparison.Ordinal) || line.StartsWith("unused", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                throw new FormatException($"not enough fields in mdline (expected at least 3): {line}");
            }

            var name = fields[0];
            var state = fields[2];
            if (lines.Length <= i + 3)
            {
                throw new FormatException($"error parsing \"{name}\": too few lines for md device");
            }

            var failed = Count(line, "(F)");
            var spare = Count(line, "(S)");
            var (active, total, size) = StatusLine(line, lines[i + 1]);

            var syncLine = lines[i + 2].Contains("bitmap", StringComparison.Ordinal) ? lines[i + 3] : lines[i + 2];
            var synced = size;
            var recovering = syncLine.Contains("recovery", StringComparison.Ordinal);
            var resyncing = syncLine.Contains("resync", StringComparison.Ordinal);
            var checking = syncLine.Contains("check", StringComparison.Ordinal);
            if (recovering || resyncing || checking)
            {
                state = recovering ? "recovering" : checking ? "checking" : "resyncing";
                synced = syncLine.Contains("PENDING", StringComparison.Ordinal) || syncLine.Contains("DELAYED", StringComparison.Ordinal)
                    ? 0
                    : RecoveryLine(syncLine);
            }

            devices.Add(new(name, state, active, total, failed, spare, size, synced));
        }

        return devices;
    }

    private static (long Active, long Total, long Size) StatusLine(string deviceLine, string statusLine)
    {
        var fields = statusLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 1)
        {
            throw new FormatException($"unexpected statusLine \"{statusLine}\"");
        }

        var size = Int64(fields[0], statusLine);
        if (deviceLine.Contains("raid0", StringComparison.Ordinal) || deviceLine.Contains("linear", StringComparison.Ordinal))
        {
            // Only the disks have a number in brackets on the device line.
            var disks = Count(deviceLine, "[");
            return (disks, disks, size);
        }

        if (deviceLine.Contains("inactive", StringComparison.Ordinal))
        {
            return (0, 0, size);
        }

        var match = StatusPattern().Match(statusLine);
        if (!match.Success)
        {
            throw new FormatException($"couldn't find all the substring matches: {statusLine}");
        }

        return (Int64(match.Groups[3].Value, statusLine), Int64(match.Groups[2].Value, statusLine), size);
    }

    /// <summary>The blocks synced so far; the percentage, finish time and speed must be numbers too.</summary>
    private static long RecoveryLine(string line)
    {
        var blocks = BlocksPattern().Match(line);
        if (!blocks.Success)
        {
            throw new FormatException($"unexpected recoveryLine: {line}");
        }

        var synced = Int64(blocks.Groups[1].Value, line);
        Float(PercentPattern().Match(line), line, trim: true);
        Float(FinishPattern().Match(line), line, trim: false);
        Float(SpeedPattern().Match(line), line, trim: false);
        return synced;
    }

    private static void Float(Match match, string line, bool trim)
    {
        var text = match.Success ? match.Groups[1].Value : null;
        if (text is null || !double.TryParse(trim ? text.Trim() : text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"unexpected recoveryLine: {line}");
        }
    }

    private static long Int64(string digits, string line) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"unexpected statusLine \"{line}\": \"{digits}\" is not a whole number");

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"([0-9]+) blocks .*\[([0-9]+)/([0-9]+)\] \[([U_]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"\(([0-9]+)/[0-9]+\)", RegexOptions.CultureInvariant)]
    private static partial Regex BlocksPattern();

    [GeneratedRegex(@"= (.+)%", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"finish=(.+)min", RegexOptions.CultureInvariant)]
    private static partial Regex FinishPattern();

    [GeneratedRegex(@"speed=(.+)[A-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex SpeedPattern();
}
