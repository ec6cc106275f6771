using System.Globalization;

namespace Exporters.Core.Exposition;

/// <summary>Chooses the exposition format from an HTTP Accept header, as Prometheus' scrapers expect.</summary>
public static class ContentNegotiation
{
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>
    /// OpenMetrics when the header offers <c>application/openmetrics-text</c> (version 1.0.0, 0.0.1 or none)
    /// with a quality at least that of text/plain; text 0.0.4 otherwise.
    /// </summary>
    public static ExpositionFormat Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return ExpositionFormat.Text004;
        }

        var openMetrics = -1.0;
        var text = -1.0;
        foreach (var range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            string? version = null;
            foreach (var parameter in parts.AsSpan(1))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    continue;
                }

                var key = parameter[..equals].Trim();
                var value = parameter[(equals + 1)..].Trim().Trim('"');
                if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    quality = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
                }
                else if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
                {
                    version = value;
                }
            }

            if (parts[0].Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
                && version is null or "1.0.0" or "0.0.1")
            {
                openMetrics = Math.Max(openMetrics, quality);
            }
            else if (parts[0].Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                || parts[0] == "*/*" || parts[0].Equals("text/*", StringComparison.OrdinalIgnoreCase))
            {
                text = Math.Max(text, quality);
            }
        }

        return openMetrics > 0 && openMetrics >= text ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Text004;
    }

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics100 ? OpenMetricsContentType : TextContentType;
}
