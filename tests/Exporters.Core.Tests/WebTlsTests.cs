using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>
/// tls_server_config's min_version, max_version and cipher_suites on a serving host, judged by .NET's
/// SslStream and by Debian's <c>openssl s_client</c>.
/// </summary>
public sealed class WebTlsTests
{
    private const string OpenSsl = "/usr/bin/openssl";

    [Theory]
    [InlineData("", SslProtocols.Tls12, true)]
    [InlineData("", SslProtocols.Tls13, true)]
    [InlineData("  min_version: TLS13\n", SslProtocols.Tls12, false)]
    [InlineData("  min_version: TLS13\n", SslProtocols.Tls13, true)]
    [InlineData("  max_version: TLS12\n", SslProtocols.Tls13, false)]
    [InlineData("  max_version: TLS12\n", SslProtocols.Tls12, true)]
    public async Task Handshakes_outside_min_and_max_version_are_refused(string extra, SslProtocols client, bool succeeds)
    {
        using var dir = new TempDirectory();
        await using var host = await TlsHost.StartAsync(SelfSignedTls.WriteConfig(dir, extra));

        Assert.Equal(succeeds ? client : SslProtocols.None, await HandshakeAsync(host.Port, client));
        Assert.Equal(succeeds, await OpenSslConnectsAsync(host.Port, client == SslProtocols.Tls13 ? "-tls1_3" : "-tls1_2"));
    }

    [Fact]
    public async Task Only_the_chosen_cipher_suites_are_offered_below_tls_1_3()
    {
        using var dir = new TempDirectory();
        var extra = "  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n";
        await using var host = await TlsHost.StartAsync(SelfSignedTls.WriteConfig(dir, extra));

        Assert.True(await OpenSslConnectsAsync(host.Port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"));
        Assert.False(await OpenSslConnectsAsync(host.Port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"));
        Assert.False(await OpenSslConnectsAsync(host.Port, "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"));
        // As in Go, TLS 1.3's suites are not chosen by cipher_suites.
        Assert.True(await OpenSslConnectsAsync(host.Port, "-tls1_3"));
    }

    /// <returns>The protocol agreed on, or None when the handshake failed.</returns>
    private static async Task<SslProtocols> HandshakeAsync(int port, SslProtocols protocols)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var ssl = new SslStream(tcp.GetStream());
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            });
            return ssl.SslProtocol;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return SslProtocols.None;
        }
    }

    /// <summary>Whether <c>openssl s_client</c> with <paramref name="options"/> completes a handshake.</summary>
    private static async Task<bool> OpenSslConnectsAsync(int port, params string[] options)
    {
        var (exit, stdout, _) = await ChildProcess.RunAsync(OpenSsl, ["s_client", "-connect", $"127.0.0.1:{port}", .. options]);
        Assert.Equal(exit == 0, stdout.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal));
        return exit == 0;
    }

    private sealed class TlsHost : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<int>? _run;

        public int Port { get; } = FreePort.Next();

        public static async Task<TlsHost> StartAsync(string config)
        {
            var host = new TlsHost();
            host._run = ExporterHost.RunAsync([$"--web.listen-address=127.0.0.1:{host.Port}", $"--web.config.file={config}"], new TlsService(), host._stop.Token);
            for (var i = 0; ; i++)
            {
                try
                {
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync("127.0.0.1", host.Port);
                    return host;
                }
                catch (SocketException) when (i < 600 && !host._run.IsCompleted)
                {
                    await Task.Delay(50);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(0, await _run!);
            _stop.Dispose();
        }
    }

    private sealed class TlsService : IExporterService
    {
        public ExporterInfo Info { get; } = new()
        {
            ProgramName = "tls-exporter",
            Title = "TLS",
            Description = "TLS service.",
            MetricPrefix = "tls",
            DefaultPort = 1,
        };

        public void DefineFlags(FlagSet flags)
        {
        }

        public void Configure(ExporterContext context)
        {
        }
    }
}
