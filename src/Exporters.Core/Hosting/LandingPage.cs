using System.Net;
using System.Text;

namespace Exporters.Core.Hosting;

/// <summary>The small HTML page served at <c>/</c>.</summary>
internal static class LandingPage
{
    public static byte[] Render(ExporterInfo info, string telemetryPath, string version)
    {
        var title = WebUtility.HtmlEncode(info.Title);
        var path = WebUtility.HtmlEncode(telemetryPath);
        return Encoding.UTF8.GetBytes($"""
            <!DOCTYPE html>
            <html>
            <head><meta charset="utf-8"><title>{title}</title></head>
            <body>
            <h1>{title}</h1>
            <p>{WebUtility.HtmlEncode(info.Description)}</p>
            <ul>
            <li><a href="{path}">Metrics</a></li>
            <li><a href="/healthz">Health</a></li>
            </ul>
            <p>Version {WebUtility.HtmlEncode(version)}</p>
            </body>
            </html>

            """);
    }
}
