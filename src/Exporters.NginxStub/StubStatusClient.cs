using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Exporters.NginxStub;

/// <summary>
/// Fetches and parses one target's stub_status page. Each client owns its connection pool, so each unix
/// socket is dialled as itself; connections are kept alive between scrapes.
/// </summary>
internal sealed class StubStatusClient : IDisposable
{
    /// <summary>A stub_status page is about 100 bytes; anything past this is not one.</summary>
    internal const int MaxPageBytes = 16 * 1024;

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public StubStatusClient(ScrapeTarget target, TimeSpan timeout, TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tls);
        Target = target;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 4,
            SslOptions = tls.ToSslOptions(),
        };
        if (target.SocketPath is { } socketPath)
        {
            handler.ConnectCallback = (_, cancel) => ConnectUnixAsync(socketPath, cancel);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ScrapeTarget Target { get; }

    /// <summary>Fetches the page; never throws for a failure of nginx, it returns the reason instead.</summary>
    public async Task<ScrapeResult> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxPageBytes + 1);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Target.RequestUri);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ScrapeResult.Failed(string.Create(CultureInfo.InvariantCulture, $"unexpected HTTP status {(int)response.StatusCode}"));
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var length = 0;
                int read;
                while (length <= MaxPageBytes
                    && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxPageBytes + 1 - length), timeout.Token).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                if (length > MaxPageBytes)
                {
                    return ScrapeResult.Failed($"response is larger than {MaxPageBytes} bytes; not a stub_status page");
                }

                return StubStatusParser.TryParse(buffer.AsSpan(0, length), out var status, out var error)
                    ? ScrapeResult.Up(status)
                    : ScrapeResult.Failed("not a stub_status page: " + error);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ScrapeResult.Failed($"no answer within {Core.Configuration.GoDuration.Format(_timeout)}");
        }
        catch (HttpRequestException e)
        {
            return ScrapeResult.Failed(e.InnerException is SocketException socket ? socket.Message : e.Message);
        }
        catch (IOException e)
        {
            return ScrapeResult.Failed(e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
