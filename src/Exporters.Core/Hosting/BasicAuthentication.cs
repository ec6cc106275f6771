using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;

namespace Exporters.Core.Hosting;

/// <summary>
/// HTTP basic authentication against bcrypt hashes, as the exporter-toolkit does it:
/// <list type="bullet">
/// <item>an unknown user is checked against a decoy hash of the same cost, so that a wrong password costs
/// the same time whether the user exists or not and user names cannot be found by timing;</item>
/// <item>the outcome of every check, good or bad, is remembered in a bounded cache keyed by a keyed digest
/// of the credentials (never the password itself), so a scraper that sends the same credentials every
/// time, or a client that repeats a wrong password, costs one bcrypt compare;</item>
/// <item>bcrypt compares run one at a time, so a flood of wrong passwords keeps one core busy at most,
/// and requests waiting for their turn hold no thread.</item>
/// </list>
/// </summary>
internal sealed class BasicAuthentication : IDisposable
{
    /// <summary>How many checked credentials are remembered; the least recently used go first.</summary>
    internal const int CacheSize = 1024;

    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };
    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly Func<string, string, bool> _verify;
    private readonly string _decoyHash;
    private readonly byte[] _digestKey = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache _checked = new(new MemoryCacheOptions { SizeLimit = CacheSize });
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _compares;

    /// <param name="users">User names and their bcrypt hashes, each valid by <see cref="BcryptHash.IsValid"/>.</param>
    /// <param name="verify">Compares a password with a hash; bcrypt unless a test watches the compares.</param>
    public BasicAuthentication(IReadOnlyDictionary<string, string> users, Func<string, string, bool>? verify = null)
    {
        _users = users;
        _verify = verify ?? (static (password, hash) => BCrypt.Net.BCrypt.Verify(password, hash));
        _decoyHash = BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), HighestCost(users));
    }

    /// <summary>How many password compares have run (cache misses, for known and unknown users alike).</summary>
    public int Compares => Volatile.Read(ref _compares);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        bool authorized;
        try
        {
            authorized = await IsAuthorizedAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left while waiting for its turn at bcrypt: nothing to answer, nothing to log.
            return;
        }

        if (authorized)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Basic";
        await http.Response.WriteAsync("Unauthorized\n").ConfigureAwait(false);
    }

    internal async ValueTask<bool> IsAuthorizedAsync(string header, CancellationToken cancellationToken = default)
    {
        if (!TryDecode(header, out var credentials))
        {
            return false;
        }

        // A user name holds no colon, so "user:password" stands for the pair without ambiguity.
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var known = _users.TryGetValue(credentials[..colon], out var hash);
        var key = Convert.ToBase64String(HMACSHA256.HashData(_digestKey, Encoding.UTF8.GetBytes(credentials)));
        if (_checked.TryGetValue(key, out bool remembered))
        {
            return remembered;
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The same credentials may have been checked while this request waited for its turn.
            if (_checked.TryGetValue(key, out remembered))
            {
                return remembered;
            }

            Interlocked.Increment(ref _compares);
            var matches = _verify(credentials[(colon + 1)..], known ? hash! : _decoyHash);
            var valid = known && matches;
            _checked.Set(key, valid, OneEntry);
            return valid;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose()
    {
        _checked.Dispose();
        _oneAtATime.Dispose();
    }

    private static bool TryDecode(string header, out string credentials)
    {
        credentials = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        return credentials.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>The cost of the decoy hash: that of the users' hashes, the highest when they differ.</summary>
    private static int HighestCost(IReadOnlyDictionary<string, string> users)
    {
        var cost = 4;
        foreach (var hash in users.Values)
        {
            cost = Math.Max(cost, BcryptHash.Cost(hash));
        }

        return cost;
    }
}
