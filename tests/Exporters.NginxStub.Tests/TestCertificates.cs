using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exporters.Testing;

namespace Exporters.NginxStub.Tests;

/// <summary>A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, written as PEM files.</summary>
internal static class TestCertificates
{
    public static void Write(TempDirectory dir)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Exporters test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(dir.File("ca.crt"), ca.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        Issue(dir, ca, "server", "CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", san.Build(), 1);
        Issue(dir, ca, "client", "CN=scraper", "1.3.6.1.5.5.7.3.2", null, 2);
    }

    private static void Issue(TempDirectory dir, X509Certificate2 ca, string name, string subject, string usage, X509Extension? extra, byte serial)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (extra is not null)
        {
            request.CertificateExtensions.Add(extra);
        }

        using var certificate = request.Create(ca, ca.NotBefore.AddMinutes(1), ca.NotAfter.AddMinutes(-1), [serial]);
        File.WriteAllText(dir.File(name + ".crt"), certificate.ExportCertificatePem());
        File.WriteAllText(dir.File(name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }
}
