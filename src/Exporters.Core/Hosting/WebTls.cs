using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Exporters.Core.Hosting;

/// <summary>
/// Kestrel's HTTPS set up as a web configuration's tls_server_config says: certificate, client
/// certificates, the TLS versions from min_version to max_version, and cipher_suites.
/// </summary>
internal static class WebTls
{
    public static void Use(ListenOptions listen, WebConfig web)
    {
        listen.UseHttps(web.Certificate!, https =>
        {
            https.SslProtocols = web.Protocols;
            if (web.CipherSuites is { } cipherSuites)
            {
                https.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = cipherSuites;
            }

            https.ClientCertificateMode = web.ClientAuth switch
            {
                ClientAuthType.NoClientCert => ClientCertificateMode.NoCertificate,
                ClientAuthType.RequestClientCert or ClientAuthType.VerifyClientCertIfGiven => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.RequireCertificate,
            };
            var verify = web.ClientAuth is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert;
            https.ClientCertificateValidation = (certificate, _, _) => !verify || ChainsToAuthority(certificate, web.ClientAuthorities!);
        });
    }

    private static bool ChainsToAuthority(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
