using System.Runtime.CompilerServices;
namespace Exporters.NginxLog.Parsing;

/// <summary>The method of a request line or of $request_method, compared as bytes.</summary>
internal static class RequestMethods
{
    /// <summary>
    /// The method of "METHOD URI HTTP/x.y". Anything else – garbage such as a TLS handshake nginx logged as
    /// "\x16\x03\x01", an HTTP/0.9 "GET /", a missing request "-" – is <see cref="HttpMethodKind.Other"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HttpMethodKind FromRequestLine(ReadOnlySpan<byte> request)
    {
        var firstSpace = request.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return HttpMethodKind.Other;
        }

        var afterMethod = request[(firstSpace + 1)..];
        var secondSpace = afterMethod.IndexOf((byte)' ');
        if (secondSpace <= 0)
        {
            return HttpMethodKind.Other;
        }

        var protocol = afterMethod[(secondSpace + 1)..];
        if (!protocol.StartsWith("HTTP/"u8) || protocol.Contains((byte)' '))
        {
            return HttpMethodKind.Other;
        }

        return FromMethod(request[..firstSpace]);
    }

    /// <summary>One of the nine methods, case-sensitive as HTTP says, or <see cref="HttpMethodKind.Other"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HttpMethodKind FromMethod(ReadOnlySpan<byte> method)
    {
        switch (method.Length)
        {
            case 3:
                if (method.SequenceEqual("GET"u8))
                {
                    return HttpMethodKind.Get;
                }

                if (method.SequenceEqual("PUT"u8))
                {
                    return HttpMethodKind.Put;
                }

                break;
            case 4:
                if (method.SequenceEqual("POST"u8))
                {
                    return HttpMethodKind.Post;
                }

                if (method.SequenceEqual("HEAD"u8))
                {
                    return HttpMethodKind.Head;
                }

                break;
            case 5:
                if (method.SequenceEqual("PATCH"u8))
                {
                    return HttpMethodKind.Patch;
                }

                if (method.SequenceEqual("TRACE"u8))
                {
                    return HttpMethodKind.Trace;
                }

                break;
            case 6:
                if (method.SequenceEqual("DELETE"u8))
                {
                    return HttpMethodKind.Delete;
                }

                break;
            case 7:
                if (method.SequenceEqual("OPTIONS"u8))
                {
                    return HttpMethodKind.Options;
                }

                if (method.SequenceEqual("CONNECT"u8))
                {
                    return HttpMethodKind.Connect;
                }

                break;
        }

        return HttpMethodKind.Other;
    }
}
