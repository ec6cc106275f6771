using System.Net.Security;
using System.Security.Authentication;
using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>Reading the exporter-toolkit's web configuration: what it accepts and how it refuses the rest.</summary>
public sealed class WebConfigTests
{
    private const string GoodHash = "$2y$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23i";

    [Fact]
    public void Tls_defaults_to_versions_1_2_and_1_3_and_the_platform_s_cipher_suites()
    {
        using var dir = new TempDirectory();

        var web = WebConfig.Load(SelfSignedTls.WriteConfig(dir, ""));

        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, web.Protocols);
        Assert.Null(web.CipherSuites);
    }

    [Theory]
    [InlineData("TLS12", "TLS12", SslProtocols.Tls12)]
    [InlineData("TLS13", "TLS13", SslProtocols.Tls13)]
    [InlineData("TLS13", "", SslProtocols.Tls13)]
    [InlineData("", "TLS12", SslProtocols.Tls12)]
    public void Min_and_max_version_choose_the_protocols(string min, string max, SslProtocols expected)
    {
        using var dir = new TempDirectory();
        var extra = (min.Length > 0 ? $"  min_version: {min}\n" : "") + (max.Length > 0 ? $"  max_version: {max}\n" : "");

        var web = WebConfig.Load(SelfSignedTls.WriteConfig(dir, extra));

        Assert.Equal(expected, web.Protocols);
    }

    [Fact]
    public void Old_versions_are_named_as_the_toolkit_names_them()
    {
        using var dir = new TempDirectory();

        var web = WebConfig.Load(SelfSignedTls.WriteConfig(dir, "  min_version: TLS10\n  max_version: TLS11\n"));

#pragma warning disable SYSLIB0039
        Assert.Equal(SslProtocols.Tls | SslProtocols.Tls11, web.Protocols);
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public void Cipher_suites_are_chosen_by_their_go_names_and_tls_1_3_s_stay_on()
    {
        using var dir = new TempDirectory();
        var extra = "  cipher_suites:\n    - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n    - TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n  prefer_server_cipher_suites: true\n";

        var web = WebConfig.Load(SelfSignedTls.WriteConfig(dir, extra));

        Assert.Equal(
            [
                TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                TlsCipherSuite.TLS_AES_128_GCM_SHA256,
                TlsCipherSuite.TLS_AES_256_GCM_SHA384,
                TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            ],
            web.CipherSuites!.AllowedCipherSuites);
    }

    [Theory]
    [InlineData("  min_version: TLS99\n", "tls_server_config: min_version \"TLS99\" is not one of TLS10, TLS11, TLS12, TLS13")]
    [InlineData("  max_version: TLS1.3\n", "max_version \"TLS1.3\"")]
    [InlineData("  min_version: tls13\n", "min_version \"tls13\"")]
    [InlineData("  min_version: TLS13\n  max_version: TLS12\n", "min_version TLS13 is above max_version TLS12")]
    [InlineData("  cipher_suites: [TLS_ECDHE_RSA_WITH_RC4_128_SHA]\n", "unknown cipher suite \"TLS_ECDHE_RSA_WITH_RC4_128_SHA\"")]
    [InlineData("  cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256]\n", "unknown cipher suite \"ECDHE-RSA-AES128-GCM-SHA256\"")]
    [InlineData("  cipher_suites: TLS_AES_128_GCM_SHA256\n", "cipher_suites must be a list of names")]
    [InlineData("  curve_preferences: [CurveP999]\n", "unknown curve \"CurveP999\"")]
    [InlineData("  curve_preferences: [X25519, CurveP256]\n", "curve_preferences cannot be honoured")]
    [InlineData("  prefer_server_cipher_suites: maybe\n", "prefer_server_cipher_suites \"maybe\" is not true or false")]
    public void Bad_tls_settings_are_refused_in_one_line_naming_the_file_and_the_value(string extra, string expected)
    {
        using var dir = new TempDirectory();
        var config = SelfSignedTls.WriteConfig(dir, extra);

        var e = Assert.Throws<UsageException>(() => WebConfig.Load(config));

        Assert.StartsWith(config + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("basic_auth_users:\n  admin: \"$2y$10$garbage\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin: \"$2y$03$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23i\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin: \"$2y$32$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23i\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin: \"$2z$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23i\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin: \"$2y$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23!\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin: \"$2y$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ./23iX\"\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  admin:\n", "the password of \"admin\" must be a bcrypt hash")]
    [InlineData("basic_auth_users:\n  \"a:b\": \"" + GoodHash + "\"\n", "the user name \"a:b\" holds a colon")]
    [InlineData("basic_auth_users: [admin]\n", "basic_auth_users must be a mapping")]
    [InlineData("tls_server_config: [cert_file]\n", "tls_server_config must be a mapping")]
    public void Bad_files_are_refused_in_one_line_naming_the_file(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var config = dir.File("web.yml");
        File.WriteAllText(config, yaml);

        var e = Assert.Throws<UsageException>(() => WebConfig.Load(config));

        Assert.StartsWith(config + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_bad_hash_is_not_written_out()
    {
        using var dir = new TempDirectory();
        var config = dir.File("web.yml");
        File.WriteAllText(config, "basic_auth_users:\n  admin: plain-password\n");

        var e = Assert.Throws<UsageException>(() => WebConfig.Load(config));

        Assert.DoesNotContain("plain-password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Well_formed_hashes_are_accepted()
    {
        using var dir = new TempDirectory();
        var config = dir.File("web.yml");
        File.WriteAllText(config, $"basic_auth_users:\n  admin: '{GoodHash}'\n");

        var web = WebConfig.Load(config);

        Assert.Equal(GoodHash, web.Users["admin"]);
    }
}
