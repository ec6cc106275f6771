namespace Exporters.NginxStub;

/// <summary>
/// Where one stub_status page is: <c>http://host:port/path</c>, <c>https://…</c>, or
/// <c>unix:/path/to.sock:/stub_status</c> (a unix socket and the path requested through it).
/// </summary>
internal sealed class ScrapeTarget
{
    private ScrapeTarget(string text, Uri requestUri, string? socketPath)
    {
        Text = text;
        RequestUri = requestUri;
        SocketPath = socketPath;
    }

    /// <summary>The URI as the user wrote it; the value of the <c>addr</c> label.</summary>
    public string Text { get; }

    /// <summary>The URI requested; for a unix socket, <c>http://localhost</c> and the path.</summary>
    public Uri RequestUri { get; }

    /// <summary>The unix socket dialled instead of a TCP connection, or null.</summary>
    public string? SocketPath { get; }

    public static bool TryParse(string text, out ScrapeTarget? target, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        target = null;
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var rest = text["unix:".Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            var socket = colon < 0 ? rest : rest[..colon];
            var path = colon < 0 ? "/" : rest[(colon + 1)..];
            if (socket.Length == 0 || !socket.StartsWith('/'))
            {
                error = "a unix socket must be an absolute path, as in unix:/run/nginx.sock:/stub_status";
                return false;
            }

            if (!path.StartsWith('/') || !Uri.TryCreate("http://localhost" + path, UriKind.Absolute, out var viaSocket))
            {
                error = "the path after the socket must start with /, as in unix:/run/nginx.sock:/stub_status";
                return false;
            }

            target = new ScrapeTarget(text, viaSocket, socket);
            error = null;
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            error = "must be an http:// or https:// URL, or unix:/path/to.sock:/stub_status";
            return false;
        }

        target = new ScrapeTarget(text, uri, null);
        error = null;
        return true;
    }

    public override string ToString() => Text;
}
