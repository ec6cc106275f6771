using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Exporters.NginxLog.Parsing;

/// <summary>The numbers nginx writes into access logs, parsed from bytes without allocating.</summary>
internal static class ValueNumbers
{
    /// <summary>Exact powers of ten as doubles: a mantissa below 2^53 divided by one rounds correctly.</summary>
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>An empty value, or exactly "-": nginx's way of logging a variable that has no value.</summary>
    public static bool IsAbsent(ReadOnlySpan<byte> value) =>
        value.IsEmpty || (value.Length == 1 && value[0] == (byte)'-');

    /// <summary>Digits only, as an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseStatus(ReadOnlySpan<byte> value, out int status)
    {
        status = 0;
        if (value.IsEmpty || value.Length > 9)
        {
            return false;
        }

        foreach (var b in value)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            status = (status * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>Digits only, as a non-negative long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseCount(ReadOnlySpan<byte> value, out long count)
    {
        count = 0;
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || count > (long.MaxValue - digit) / 10)
            {
                count = 0;
                return false;
            }

            count = (count * 10) + digit;
        }

        return true;
    }

    /// <summary>
    /// Non-negative decimal seconds, "0.012"; an exponent (a JSON number such as "1.5e-3") is accepted too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseSeconds(ReadOnlySpan<byte> value, out double seconds)
    {
        ulong mantissa = 0;
        var i = 0;
        var significant = 0;
        for (; i < value.Length; i++)
        {
            var digit = (uint)(value[i] - '0');
            if (digit > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + digit;
            significant++;
        }

        if (significant == 0)
        {
            seconds = 0;
            return false;
        }

        var fraction = 0;
        if (i < value.Length && value[i] == (byte)'.')
        {
            for (i++; i < value.Length; i++)
            {
                var digit = (uint)(value[i] - '0');
                if (digit > 9)
                {
                    break;
                }

                mantissa = (mantissa * 10) + digit;
                fraction++;
            }

            if (fraction == 0)
            {
                seconds = 0;
                return false;
            }
        }

        if (i == value.Length && significant + fraction <= 15 && mantissa < MaxExactMantissa)
        {
            seconds = mantissa / PowersOfTen[fraction];
            return true;
        }

        return TryParseSecondsSlow(value, out seconds);
    }

    /// <summary>
    /// One or more upstream times, "0.012, 0.003 : 0.100" (", " between servers of one upstream, " : " between
    /// upstreams after an internal redirect), summed. A "-" item is skipped; NaN when every item is "-".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseSecondsList(ReadOnlySpan<byte> value, out double sum)
    {
        sum = double.NaN;
        while (true)
        {
            var end = value.IndexOfAny((byte)',', (byte)' ');
            var item = end < 0 ? value : value[..end];
            if (!IsDash(item))
            {
                if (!TryParseSeconds(item, out var seconds))
                {
                    return false;
                }

                sum = double.IsNaN(sum) ? seconds : sum + seconds;
            }

            if (end < 0)
            {
                return true;
            }

            var rest = value[end..];
            int separator;
            if (rest.StartsWith(", "u8))
            {
                separator = 2;
            }
            else if (rest.StartsWith(" : "u8))
            {
                separator = 3;
            }
            else
            {
                return false;
            }

            value = rest[separator..];
        }
    }

    private static bool IsDash(ReadOnlySpan<byte> item) => item.Length == 1 && item[0] == (byte)'-';

    private static bool TryParseSecondsSlow(ReadOnlySpan<byte> value, out double seconds) =>
        Utf8Parser.TryParse(value, out seconds, out var consumed)
            && consumed == value.Length
            && double.IsFinite(seconds)
            && seconds >= 0;
}
