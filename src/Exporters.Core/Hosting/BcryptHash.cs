namespace Exporters.Core.Hosting;

/// <summary>
/// The shape of a bcrypt hash as <c>htpasswd -B</c> and Go's bcrypt write it: <c>$2a$</c>, <c>$2b$</c>,
/// <c>$2x$</c> or <c>$2y$</c>, a two-digit cost from 04 to 31, <c>$</c>, then 22 characters of salt and 31
/// of hash in bcrypt's base-64 alphabet (60 characters in all).
/// </summary>
internal static class BcryptHash
{
    private const int Length = 60;
    private const int MinCost = 4;
    private const int MaxCost = 31;

    public static bool IsValid(string hash)
    {
        if (hash.Length != Length || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$')
        {
            return false;
        }

        if (hash[2] is not ('a' or 'b' or 'x' or 'y') || !char.IsAsciiDigit(hash[4]) || !char.IsAsciiDigit(hash[5]))
        {
            return false;
        }

        var cost = Cost(hash);
        if (cost is < MinCost or > MaxCost)
        {
            return false;
        }

        foreach (var c in hash.AsSpan(7))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The cost (log2 of the rounds) of a hash <see cref="IsValid"/> accepts.</summary>
    public static int Cost(string hash) => ((hash[4] - '0') * 10) + (hash[5] - '0');
}
