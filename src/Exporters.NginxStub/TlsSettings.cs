using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Exporters.NginxStub;

/// <summary>How https targets are verified and which client certificate is shown to them.</summary>
internal sealed class TlsSettings
{
    public TlsSettings(bool verify, X509Certificate2? certificateAuthority, X509Certificate2? clientCertificate)
    {
        Verify = verify;
        CertificateAuthority = certificateAuthority;
        ClientCertificate = clientCertificate;
    }

    public bool Verify { get; }

    public X509Certificate2? CertificateAuthority { get; }

    public X509Certificate2? ClientCertificate { get; }

    public SslClientAuthenticationOptions ToSslOptions()
    {
        var options = new SslClientAuthenticationOptions();
        if (ClientCertificate is not null)
        {
            options.ClientCertificates = [ClientCertificate];
        }

        if (!Verify)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (CertificateAuthority is { } authority)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && certificate is not null
                && ChainsTo(certificate, authority);
        }

        return options;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
