using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Exporters.Core.Hosting;

/// <summary>
/// The <c>--healthcheck</c> mode: the service's own binary asks the running service, on the address its
/// flags, environment and files give, for <c>/healthz</c>, and exits 0 on a 200 and 1 otherwise. This is a
/// container health check that needs no shell, curl or wget in the image.
/// </summary>
/// <remarks>
/// With a web configuration file, the probe speaks HTTPS when it has a certificate (the service probes
/// itself on a loopback address, so the certificate is not checked against a name or an authority). It
/// has no client certificate, so a service that requires one (<c>RequireAnyClientCert</c>,
/// <c>RequireAndVerifyClientCert</c>) is reported unhealthy. It knows only the bcrypt hashes of
/// <c>basic_auth_users</c>, not a password, so with basic authentication a 401 asking for Basic
/// credentials counts as healthy: the service is up and answering.
/// </remarks>
internal static class HealthProbe
{
    /// <summary>How long the whole probe may take: well inside a container health check's timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public const string Path = "/healthz";

    /// <returns>0 when the service answered 200 (or 401 under basic authentication), 1 otherwise.</returns>
    public static async Task<int> RunAsync(ListenAddress listen, WebConfig? web, TextWriter output)
    {
        var https = web?.Certificate is not null;
        var uri = UriFor(listen, https);
        if (uri is null)
        {
            await output.WriteLineAsync($"unhealthy: listen address {listen.Text} has no fixed port to probe").ConfigureAwait(false);
            return 1;
        }

        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var guarded = web is { Users.Count: > 0 } && response.StatusCode == HttpStatusCode.Unauthorized
                && response.Headers.WwwAuthenticate.Any(static challenge => challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));
            if (response.StatusCode == HttpStatusCode.OK || guarded)
            {
                await output.WriteLineAsync($"healthy: GET {uri} answered {status}").ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync($"unhealthy: GET {uri} answered {status}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException or IOException)
        {
            var reason = e is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0.#} s" : e.Message;
            await output.WriteLineAsync($"unhealthy: GET {uri}: {reason.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// The URL of /healthz on the listen address: loopback for every interface (":9100", "0.0.0.0:9100",
    /// "[::]:9100") and for "localhost", the address itself otherwise; null for port 0.
    /// </summary>
    internal static Uri? UriFor(ListenAddress listen, bool https)
    {
        if (listen.Port == 0)
        {
            return null;
        }

        var host = listen.Host switch
        {
            null or "0.0.0.0" or "localhost" => "127.0.0.1",
            "::" => "[::1]",
            var other when IPAddress.TryParse(other, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 => $"[{other}]",
            var other => other,
        };
        return new Uri($"{(https ? "https" : "http")}://{host}:{listen.Port}{Path}");
    }
}
