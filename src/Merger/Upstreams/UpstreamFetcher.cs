using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Upstreams;

/// <summary>
/// Fetches and parses upstream pages with one keep-alive HTTP client (gzip and deflate decoded). A page
/// that is late, not 200, over the size limit or unparsable is a failure with a reason, never an exception;
/// the result tells whether the server answered at all (a status below 500, complete within the timeout).
/// </summary>
internal sealed class UpstreamFetcher : IDisposable
{
    /// <summary>The largest body taken from one upstream.</summary>
    public const int DefaultBodyLimit = 16 * 1024 * 1024;

    /// <summary>More URLs than this (replicas come and go) and the header memories start over.</summary>
    private const int MaxRemembered = 4096;

    private const string Accept = "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";
    private readonly HttpClient _client;
    private readonly int _bodyLimit;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Uri, HeaderMemory> _headers = new();

    /// <summary>The last timeout given and its header value: scrapes mostly give the same one.</summary>
    private Tuple<TimeSpan, string>? _timeoutHeader;

    public UpstreamFetcher(TimeProvider time, int bodyLimit = DefaultBodyLimit)
    {
        _time = time;
        _bodyLimit = bodyLimit;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Fetches one page, giving up after <paramref name="timeout"/>.</summary>
    public async Task<FetchResult> FetchAsync(Upstream upstream, Uri url, TimeSpan timeout, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        byte[]? buffer = null;
        var length = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", Accept);
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", TimeoutHeader(timeout));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Failed($"HTTP status {(int)response.StatusCode}", answered: (int)response.StatusCode < 500);
            }

            if (response.Content.Headers.ContentLength > _bodyLimit)
            {
                return Failed($"body of {response.Content.Headers.ContentLength} bytes is over the limit of {_bodyLimit}", answered: true);
            }

            var openMetrics = response.Content.Headers.ContentType?.MediaType?.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) == true;
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Reads stop one byte past the limit: enough to know the body is over it, whatever the pooled
                // buffer's size, and what is reported as read is never more than that.
                var cap = _bodyLimit + 1;
                buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(response.Content.Headers.ContentLength ?? 64 * 1024, _bodyLimit) + 1);
                while (true)
                {
                    var room = Math.Min(buffer.Length, cap);
                    if (length == room)
                    {
                        if (length == cap)
                        {
                            length = _bodyLimit;
                            return Failed($"body is over the limit of {_bodyLimit} bytes", answered: true);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, cap));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                        room = Math.Min(buffer.Length, cap);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, room - length), deadline.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }

            if (!ExpositionParser.TryParse(buffer, length, openMetrics, pooled: true, out var page, out var error, HeadersOf(url)))
            {
                return Failed("unparsable page: " + error, answered: true);
            }

            buffer = null;
            return new FetchResult(upstream, page, null, true, _time.GetElapsedTime(started), length);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return Failed($"no complete answer within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s", answered: false);
        }
        catch (HttpRequestException e)
        {
            return Failed(e.Message, answered: false);
        }
        catch (IOException e)
        {
            return Failed(e.Message, answered: false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        FetchResult Failed(string reason, bool answered) => new(upstream, null, reason, answered, _time.GetElapsedTime(started), length);
    }

    private string TimeoutHeader(TimeSpan timeout)
    {
        var last = Volatile.Read(ref _timeoutHeader);
        if (last is not null && last.Item1 == timeout)
        {
            return last.Item2;
        }

        var text = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        Volatile.Write(ref _timeoutHeader, Tuple.Create(timeout, text));
        return text;
    }

    private HeaderMemory HeadersOf(Uri url)
    {
        if (_headers.TryGetValue(url, out var memory))
        {
            return memory;
        }

        if (_headers.Count >= MaxRemembered)
        {
            _headers.Clear();
        }

        return _headers.GetOrAdd(url, static _ => new HeaderMemory());
    }
}
