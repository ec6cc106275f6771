using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Exporters.Core.Hosting;

/// <summary>
/// HTTP basic authentication against bcrypt hashes, as the exporter-toolkit does. A bcrypt check costs
/// tens of milliseconds by design, so a successful check is remembered (by user and password digest) and
/// a scraper that sends the same credentials every time pays it once.
/// </summary>
internal sealed class BasicAuthentication
{
    private const int MaxRemembered = 1024;
    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    public BasicAuthentication(IReadOnlyDictionary<string, string> users)
    {
        _users = users;
    }

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (IsAuthorized(http.Request.Headers.Authorization.ToString()))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Basic";
        await http.Response.WriteAsync("Unauthorized\n").ConfigureAwait(false);
    }

    internal bool IsAuthorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !_users.TryGetValue(decoded[..colon], out var hash))
        {
            return false;
        }

        var password = decoded[(colon + 1)..];
        var key = decoded[..colon] + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        if (_verified.ContainsKey(key))
        {
            return true;
        }

        bool valid;
        try
        {
            valid = BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            valid = false;
        }

        if (valid)
        {
            if (_verified.Count >= MaxRemembered)
            {
                _verified.Clear();
            }

            _verified[key] = true;
        }

        return valid;
    }
}
