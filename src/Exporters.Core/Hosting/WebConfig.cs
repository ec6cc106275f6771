using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exporters.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Exporters.Core.Hosting;

/// <summary>
/// The Prometheus exporter-toolkit's web configuration file (<c>--web.config.file</c>), as the Go
/// exporters read it: <c>tls_server_config</c> (cert_file, key_file, client_auth_type, client_ca_file)
/// and <c>basic_auth_users</c> (user: bcrypt hash).
/// </summary>
public sealed class WebConfig
{
    private static readonly string[] TopLevelKeys = ["tls_server_config", "basic_auth_users", "http_server_config"];
    private static readonly string[] TlsKeys = ["cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences"];

    private WebConfig(X509Certificate2? certificate, ClientAuthType clientAuth, X509Certificate2Collection? clientAuthorities, IReadOnlyDictionary<string, string> users)
    {
        Certificate = certificate;
        ClientAuth = clientAuth;
        ClientAuthorities = clientAuthorities;
        Users = users;
    }

    /// <summary>The server certificate with its key, or null for plain HTTP.</summary>
    public X509Certificate2? Certificate { get; }

    public ClientAuthType ClientAuth { get; }

    /// <summary>The CAs client certificates must chain to, or null.</summary>
    public X509Certificate2Collection? ClientAuthorities { get; }

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
                return new WebConfig(null, ClientAuthType.NoClientCert, null, new Dictionary<string, string>());
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
        if (Child(root, "basic_auth_users") is YamlMappingNode userNodes)
        {
            foreach (var (name, hash) in userNodes.Children)
            {
                var user = ((YamlScalarNode)name).Value ?? "";
                var value = (hash as YamlScalarNode)?.Value ?? "";
                if (!value.StartsWith("$2", StringComparison.Ordinal))
                {
                    throw new UsageException($"{path}: basic_auth_users: the password of \"{user}\" must be a bcrypt hash");
                }

                users[user] = value;
            }
        }

        if (Child(root, "tls_server_config") is not YamlMappingNode tls)
        {
            return new WebConfig(null, ClientAuthType.NoClientCert, null, users);
        }

        CheckKeys(tls, TlsKeys, path, "tls_server_config: ");
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

        return new WebConfig(certificate, clientAuth, authorities, users);
    }

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
