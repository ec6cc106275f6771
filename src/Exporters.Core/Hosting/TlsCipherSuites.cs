using System.Net.Security;

namespace Exporters.Core.Hosting;

/// <summary>
/// The cipher suites the exporter-toolkit's <c>cipher_suites</c> accepts: the names of Go's
/// <c>tls.CipherSuites()</c>, which are the IANA names .NET's <see cref="TlsCipherSuite"/> uses too.
/// As in Go, the list chooses among the suites of TLS 1.2 and older; TLS 1.3's suites are always on.
/// </summary>
internal static class TlsCipherSuites
{
    // Named at compile time: no reflection over the enum, which Native AOT may leave out.
    private static readonly (string Name, TlsCipherSuite Suite)[] Accepted =
    [
        (nameof(TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA), TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA), TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
        (nameof(TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384), TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384),
        (nameof(TlsCipherSuite.TLS_AES_128_GCM_SHA256), TlsCipherSuite.TLS_AES_128_GCM_SHA256),
        (nameof(TlsCipherSuite.TLS_AES_256_GCM_SHA384), TlsCipherSuite.TLS_AES_256_GCM_SHA384),
        (nameof(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256), TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256),
        (nameof(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA), TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA), TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA), TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA), TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA),
        (nameof(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
        (nameof(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384), TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
        (nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
        (nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384), TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
        (nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256), TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
        (nameof(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256), TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
    ];

    private static readonly TlsCipherSuite[] Tls13 =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>The suite Go calls <paramref name="name"/>, if the toolkit accepts it.</summary>
    public static bool TryParse(string name, out TlsCipherSuite suite)
    {
        foreach (var (candidate, value) in Accepted)
        {
            if (candidate == name)
            {
                suite = value;
                return true;
            }
        }

        suite = default;
        return false;
    }

    /// <summary>The policy that offers <paramref name="chosen"/>, in order, and TLS 1.3's suites.</summary>
    /// <exception cref="PlatformNotSupportedException">The platform's TLS cannot restrict cipher suites.</exception>
    public static CipherSuitesPolicy Policy(List<TlsCipherSuite> chosen)
    {
        List<TlsCipherSuite> all = [.. chosen];
        foreach (var suite in Tls13)
        {
            if (!all.Contains(suite))
            {
                all.Add(suite);
            }
        }

        return new CipherSuitesPolicy(all);
    }
}
