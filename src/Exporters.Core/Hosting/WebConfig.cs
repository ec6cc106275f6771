using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exporters.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Exporters.Core.Hosting;

/// <summary>
/// The Prometheus exporter-toolkit's web configuration file (<c>--web.config.file</c>), as the Go
/// exporters read it: <c>tls_server_config</c> (cert_file, key_file, client_auth_type, client_ca_file,
/// min_version, max_version, cipher_suites, prefer_server_cipher_suites; curve_preferences is refused,
/// as .NET cannot choose key exchange groups) and <c>basic_auth_users</c> (user: bcrypt hash).
/// </summary>
public sealed class WebConfig
{
    private static readonly string[] TopLevelKeys = ["tls_server_config", "basic_auth_users", "http_server_config"];
    private static readonly string[] TlsKeys = ["cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences"];
    private static readonly string[] GoCurves = ["CurveP256", "CurveP384", "CurveP521", "X25519"];

    private WebConfig(IReadOnlyDictionary<string, string> users)
    {
        Users = users;
    }

    /// <summary>The server certificate with its key, or null for plain HTTP.</summary>
    public X509Certificate2? Certificate { get; private init; }

    public ClientAuthType ClientAuth { get; private init; }

    /// <summary>The CAs client certificates must chain to, or null.</summary>
    public X509Certificate2Collection? ClientAuthorities { get; private init; }

    /// <summary>The TLS versions from min_version to max_version (by default TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; private init; }

    /// <summary>The cipher suites of cipher_suites (with TLS 1.3's, which Go always offers), or null for the platform's.</summary>
    public CipherSuitesPolicy? CipherSuites { get; private init; }

    /// <summary>User names and their bcrypt hashes; empty when no basic authentication is asked for.</summary>
    public IReadOnlyDictionary<string, string> Users { get; }

    /// <exception cref="UsageException">The file cannot be read or holds something else than the format allows.</exception>
    public static WebConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count == 0)
            {
                return new WebConfig(new Dictionary<string, string>());
            }

            root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new UsageException($"{path}: the web configuration must be a mapping");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
        {
            throw new UsageException($"{path}: {OneLine(e.Message)}", e);
        }

        CheckKeys(root, TopLevelKeys, path, "");
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Mapping(root, "basic_auth_users", path, "") is { } userNodes)
        {
            foreach (var (name, hash) in userNodes.Children)
            {
                var user = (name as YamlScalarNode)?.Value ?? "";
                var value = (hash as YamlScalarNode)?.Value ?? "";
                if (user.Contains(':', StringComparison.Ordinal))
                {
                    throw new UsageException($"{path}: basic_auth_users: the user name \"{user}\" holds a colon, which basic authentication cannot send");
                }

                if (!BcryptHash.IsValid(value))
                {
                    throw new UsageException($"{path}: basic_auth_users: the password of \"{user}\" must be a bcrypt hash ($2y$, a cost from 04 to 31, $, then 53 characters of salt and hash, as htpasswd -nBC 10 USER prints)");
                }

                users[user] = value;
            }
        }

        if (Mapping(root, "tls_server_config", path, "") is not { } tls)
        {
            return new WebConfig(users);
        }

        CheckKeys(tls, TlsKeys, path, "tls_server_config: ");
        var protocols = ProtocolRange(tls, path);
        var cipherSuites = CipherSuitesPolicy(tls, path);
        CheckCurves(tls, path);
        if (Scalar(tls, "prefer_server_cipher_suites") is { } prefer && !bool.TryParse(prefer, out _))
        {
            throw new UsageException($"{path}: tls_server_config: prefer_server_cipher_suites \"{prefer}\" is not true or false");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var certFile = Scalar(tls, "cert_file");
        var keyFile = Scalar(tls, "key_file");
        if (string.IsNullOrEmpty(certFile) || string.IsNullOrEmpty(keyFile))
        {
            throw new UsageException($"{path}: tls_server_config: cert_file and key_file are both needed");
        }

        var certificate = LoadPem(path, Path.Combine(directory, certFile), Path.Combine(directory, keyFile));
        var authText = Scalar(tls, "client_auth_type") ?? nameof(ClientAuthType.NoClientCert);
        if (!Enum.TryParse<ClientAuthType>(authText, ignoreCase: false, out var clientAuth))
        {
            throw new UsageException($"{path}: tls_server_config: client_auth_type \"{authText}\" is not one of {string.Join(", ", Enum.GetNames<ClientAuthType>())}");
        }

        X509Certificate2Collection? authorities = null;
        if (Scalar(tls, "client_ca_file") is { Length: > 0 } caFile)
        {
            authorities = [];
            try
            {
                authorities.ImportFromPemFile(Path.Combine(directory, caFile));
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: tls_server_config: cannot read client_ca_file \"{caFile}\": {OneLine(e.Message)}", e);
            }
        }
        else if (clientAuth is ClientAuthType.RequireAndVerifyClientCert or ClientAuthType.VerifyClientCertIfGiven)
        {
            throw new UsageException($"{path}: tls_server_config: client_auth_type {clientAuth} needs client_ca_file");
        }

        return new WebConfig(users)
        {
            Certificate = certificate,
            ClientAuth = clientAuth,
            ClientAuthorities = authorities,
            Protocols = protocols,
            CipherSuites = cipherSuites,
        };
    }

    private static SslProtocols ProtocolRange(YamlMappingNode tls, string path)
    {
        var minName = Scalar(tls, "min_version") is { Length: > 0 } givenMin ? givenMin : TlsVersions.DefaultMin;
        var maxName = Scalar(tls, "max_version") is { Length: > 0 } givenMax ? givenMax : TlsVersions.DefaultMax;
        var min = Version("min_version", minName, path);
        var max = Version("max_version", maxName, path);
        if (min > max)
        {
            throw new UsageException($"{path}: tls_server_config: min_version {minName} is above max_version {maxName}");
        }

        return TlsVersions.Range(min, max);
    }

    private static int Version(string key, string name, string path)
    {
        var index = TlsVersions.IndexOf(name);
        return index >= 0
            ? index
            : throw new UsageException($"{path}: tls_server_config: {key} \"{name}\" is not one of {TlsVersions.Names}");
    }

    private static CipherSuitesPolicy? CipherSuitesPolicy(YamlMappingNode tls, string path)
    {
        var names = Sequence(tls, "cipher_suites", path);
        if (names.Count == 0)
        {
            return null;
        }

        List<TlsCipherSuite> suites = [];
        foreach (var name in names)
        {
            if (!TlsCipherSuites.TryParse(name, out var suite))
            {
                throw new UsageException($"{path}: tls_server_config: cipher_suites: unknown cipher suite \"{name}\" (Go's names, such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            }

            suites.Add(suite);
        }

        try
        {
            return TlsCipherSuites.Policy(suites);
        }
        catch (PlatformNotSupportedException e)
        {
            throw new UsageException($"{path}: tls_server_config: cipher_suites cannot be chosen on this platform: {OneLine(e.Message)}", e);
        }
    }

    private static void CheckCurves(YamlMappingNode tls, string path)
    {
        var names = Sequence(tls, "curve_preferences", path);
        foreach (var name in names)
        {
            if (Array.IndexOf(GoCurves, name) < 0)
            {
                throw new UsageException($"{path}: tls_server_config: curve_preferences: unknown curve \"{name}\" (one of {string.Join(", ", GoCurves)})");
            }
        }

        if (names.Count > 0)
        {
            throw new UsageException($"{path}: tls_server_config: curve_preferences cannot be honoured, as .NET's TLS cannot choose key exchange curves; remove it to use the system's (OpenSSL's) curves");
        }
    }

    private static List<string> Sequence(YamlMappingNode node, string key, string path)
    {
        List<string> values = [];
        switch (Child(node, key))
        {
            case null:
            case YamlScalarNode { Value: null or "" }:
                return values;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    values.Add((item as YamlScalarNode)?.Value
                        ?? throw new UsageException($"{path}: tls_server_config: {key} must be a list of names"));
                }

                return values;
            default:
                throw new UsageException($"{path}: tls_server_config: {key} must be a list of names");
        }
    }

    /// <summary>The mapping under <paramref name="key"/>, null when it is absent or empty.</summary>
    private static YamlMappingNode? Mapping(YamlMappingNode node, string key, string path, string where) => Child(node, key) switch
    {
        null or YamlScalarNode { Value: null or "" } => null,
        YamlMappingNode mapping => mapping,
        _ => throw new UsageException($"{path}: {where}{key} must be a mapping"),
    };

    private static X509Certificate2 LoadPem(string path, string certFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Kestrel on Linux serves an ephemeral key; re-import so the key is usable for the handshake.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: tls_server_config: cannot read \"{certFile}\" with \"{keyFile}\": {OneLine(e.Message)}", e);
        }
    }

    private static void CheckKeys(YamlMappingNode node, string[] allowed, string path, string where)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw new UsageException($"{path}: {where}unknown key \"{name}\"");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
