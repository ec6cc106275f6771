namespace Exporters.NginxLog.Parsing;

/// <summary>The request method as it becomes the <c>method</c> label; anything else is <see cref="Other"/>.</summary>
internal enum HttpMethodKind : byte
{
    /// <summary>The format has neither <c>$request</c> nor <c>$request_method</c>.</summary>
    None,
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,

    /// <summary>Any other method, a garbage request line, or an HTTP/0.9 one.</summary>
    Other,
}
