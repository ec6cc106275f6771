using System.Globalization;

namespace Exporters.Core.Configuration;

/// <summary>Parses and formats durations the way Go's time.ParseDuration does: <c>1h2m3.5s</c>, <c>250ms</c>.</summary>
public static class GoDuration
{
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.IsEmpty)
        {
            return false;
        }

        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text is "0")
        {
            return true;
        }

        if (text.IsEmpty)
        {
            return false;
        }

        decimal ticks = 0;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !decimal.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            text = text[numberLength..];
            var unitLength = 0;
            while (unitLength < text.Length && !char.IsAsciiDigit(text[unitLength]) && text[unitLength] != '.')
            {
                unitLength++;
            }

            decimal? ticksPerUnit = text[..unitLength] switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is null)
            {
                return false;
            }

            ticks += number * ticksPerUnit.Value;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            text = text[unitLength..];
        }

        var whole = (long)decimal.Round(ticks, MidpointRounding.AwayFromZero);
        value = TimeSpan.FromTicks(negative ? -whole : whole);
        return true;
    }

    /// <summary>Formats like Go's Duration.String for whole milliseconds and up: <c>5s</c>, <c>1m30s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1) && value > TimeSpan.FromSeconds(-1))
        {
            return value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var sign = value < TimeSpan.Zero ? "-" : "";
        value = value.Duration();
        var text = sign;
        if (value.TotalHours >= 1)
        {
            text += ((long)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (value.TotalMinutes >= 1)
        {
            text += value.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        return text + seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
