namespace Exporters.Core.Hosting;

/// <summary>The exporter-toolkit's <c>client_auth_type</c> values (Go's tls.ClientAuthType names).</summary>
public enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}
