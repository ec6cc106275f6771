using Exporters.Core.Exposition;

namespace Exporters.Core.Metrics;

/// <summary><c>&lt;prefix&gt;_build_info{version,revision,dotnet_version} 1</c>.</summary>
public sealed class BuildInfoCollector : IScrapeCollector
{
    private readonly MetricFamily _family;
    private readonly LabelSet _labels;

    public BuildInfoCollector(string prefix, string programName, BuildInfo build)
    {
        ArgumentNullException.ThrowIfNull(build);
        _family = new MetricFamily(
            $"{prefix}_build_info",
            $"A metric with a constant '1' value labeled by version, revision, and dotnet_version from which {programName} was built.",
            MetricType.Gauge);
        _labels = LabelSet.Create([new("version", build.Version), new("revision", build.Revision), new("dotnet_version", build.DotnetVersion)]);
    }

    public Task CollectAsync(ExpositionWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteSample(_family, _labels, 1);
        return Task.CompletedTask;
    }
}
