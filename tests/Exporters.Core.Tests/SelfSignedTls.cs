using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>Self-signed ECDSA (P-256) certificates and web configurations that serve them.</summary>
internal static class SelfSignedTls
{
    /// <summary>A web configuration with a self-signed server certificate and <paramref name="extra"/> TLS settings.</summary>
    public static string WriteConfig(TempDirectory dir, string extra)
    {
        using var certificate = Certificate("127.0.0.1");
        File.WriteAllText(dir.File("server.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(dir.File("server.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var config = dir.File("web.yml");
        File.WriteAllText(config, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + extra);
        return config;
    }

    public static X509Certificate2 Certificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
