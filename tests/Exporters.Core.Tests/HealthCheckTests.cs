using System.Net;
using System.Net.Sockets;
using System.Text;
using Exporters.Core.Configuration;
using Exporters.Core.Hosting;
using Exporters.Testing;

namespace Exporters.Core.Tests;

/// <summary>
/// <c>--healthcheck</c>: the binary probes the service its flags describe and exits 0 or 1, as a container
/// health check without a shell needs.
/// </summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_serving_host_is_healthy()
    {
        var port = FreePort.Next();

        Assert.Equal(0, await ProbeWhileServingAsync([$"--web.listen-address=127.0.0.1:{port}"], port));
    }

    [Fact]
    public async Task A_host_serving_https_from_its_web_configuration_is_healthy()
    {
        using var dir = new TempDirectory();
        var config = SelfSignedTls.WriteConfig(dir, "");
        var port = FreePort.Next();

        Assert.Equal(0, await ProbeWhileServingAsync([$"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={config}"], port, https: true));
    }

    [Fact]
    public async Task A_host_that_requires_client_certificates_is_reported_unhealthy()
    {
        using var dir = new TempDirectory();
        var config = SelfSignedTls.WriteConfig(dir, "  client_auth_type: RequireAnyClientCert\n");
        var port = FreePort.Next();

        Assert.Equal(1, await ProbeWhileServingAsync([$"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={config}"], port, https: true, clientCertificates: true));
    }

    [Fact]
    public async Task A_host_behind_basic_authentication_is_healthy_when_it_asks_for_credentials()
    {
        using var dir = new TempDirectory();
        var config = dir.File("web.yml");
        await File.WriteAllTextAsync(config, $"basic_auth_users:\n  prometheus: '{BCrypt.Net.BCrypt.HashPassword("s3cret", 4)}'\n");
        var port = FreePort.Next();

        Assert.Equal(0, await ProbeWhileServingAsync([$"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={config}"], port, status: HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy()
    {
        Assert.Equal(1, await ExporterHost.RunAsync(["--healthcheck", $"--web.listen-address=127.0.0.1:{FreePort.Next()}"], new ProbedService()));
    }

    [Fact]
    public async Task A_server_without_the_health_path_is_unhealthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answer = AnswerNotFoundAsync(listener);

        Assert.Equal(1, await ExporterHost.RunAsync(["--healthcheck", $"--web.listen-address=127.0.0.1:{port}"], new ProbedService()));
        Assert.StartsWith("GET /healthz HTTP/1.1", await answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_is_unhealthy_rather_than_a_usage_error()
    {
        var service = new ProbedService { FailConfigure = true };

        Assert.Equal(1, await ExporterHost.RunAsync(["--healthcheck", $"--web.listen-address=127.0.0.1:{FreePort.Next()}"], service));
    }

    [Theory]
    [InlineData(":9100", false, "http://127.0.0.1:9100/healthz")]
    [InlineData("0.0.0.0:9100", false, "http://127.0.0.1:9100/healthz")]
    [InlineData("localhost:9113", true, "https://127.0.0.1:9113/healthz")]
    [InlineData("[::]:8080", false, "http://[::1]:8080/healthz")]
    [InlineData("[::1]:8080", false, "http://[::1]:8080/healthz")]
    [InlineData("10.1.2.3:9114", false, "http://10.1.2.3:9114/healthz")]
    public void Probes_loopback_for_every_interface_and_the_address_itself_otherwise(string address, bool https, string expected)
    {
        Assert.True(ListenAddress.TryParse(address, out var listen, out _));

        Assert.Equal(new Uri(expected), HealthProbe.UriFor(listen!, https));
    }

    [Fact]
    public void Port_0_has_nothing_to_probe()
    {
        Assert.True(ListenAddress.TryParse("127.0.0.1:0", out var listen, out _));

        Assert.Null(HealthProbe.UriFor(listen!, https: false));
    }

    /// <summary>Runs the host with <paramref name="args"/>, waits until it answers, and probes it with the same flags.</summary>
    private static async Task<int> ProbeWhileServingAsync(string[] args, int port, bool https = false, HttpStatusCode status = HttpStatusCode.OK, bool clientCertificates = false)
    {
        using var stop = new CancellationTokenSource();
        var run = ExporterHost.RunAsync(args, new ProbedService(), stop.Token);
        try
        {
            await WaitUntilServingAsync(new Uri($"{(https ? "https" : "http")}://127.0.0.1:{port}/healthz"), status, run, clientCertificates);
            return await ExporterHost.RunAsync(["--healthcheck", .. args], new ProbedService());
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run);
        }
    }

    private static async Task WaitUntilServingAsync(Uri healthz, HttpStatusCode status, Task<int> run, bool clientCertificate)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var certificate = clientCertificate ? SelfSignedTls.Certificate("client") : null;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        using var http = new HttpClient(handler);
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await http.GetAsync(healthz);
                Assert.Equal(status, response.StatusCode);
                return;
            }
            catch (HttpRequestException) when (i < 600 && !run.IsCompleted)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Reads one request and answers 404, as a server on the port that is not the service would.</summary>
    private static async Task<string> AnswerNotFoundAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        return request.ToString();
    }

    private sealed class ProbedService : IExporterService
    {
        public bool FailConfigure { get; init; }

        public ExporterInfo Info { get; } = new()
        {
            ProgramName = "probed-exporter",
            Title = "Probed",
            Description = "Probed service.",
            MetricPrefix = "probed",
            DefaultPort = 1,
        };

        public void DefineFlags(FlagSet flags)
        {
        }

        public void Configure(ExporterContext context)
        {
            if (FailConfigure)
            {
                throw new UsageException("bad setting");
            }
        }
    }
}
