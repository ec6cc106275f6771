using Exporters.Core.Exposition;

namespace Exporters.Core.Tests;

public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData(null, ExpositionFormat.Text004)]
    [InlineData("", ExpositionFormat.Text004)]
    [InlineData("*/*", ExpositionFormat.Text004)]
    [InlineData("text/plain;version=0.0.4", ExpositionFormat.Text004)]
    [InlineData("application/openmetrics-text; version=1.0.0", ExpositionFormat.OpenMetrics100)]
    [InlineData("application/openmetrics-text", ExpositionFormat.OpenMetrics100)]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetrics100)]
    [InlineData("text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5", ExpositionFormat.Text004)]
    [InlineData("application/openmetrics-text; version=2.0.0", ExpositionFormat.Text004)]
    [InlineData("application/openmetrics-text;q=0", ExpositionFormat.Text004)]
    public void Chooses_the_format_the_scraper_prefers(string? accept, ExpositionFormat expected) =>
        Assert.Equal(expected, ContentNegotiation.Negotiate(accept));
}
