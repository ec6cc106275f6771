namespace Exporters.Merger.Exposition;

/// <summary>One sample of a parsed family; its labels are a run of the page's <see cref="ParsedPage.Labels"/>.</summary>
internal readonly record struct ParsedSample(SampleSuffix Suffix, int LabelStart, int LabelCount, double Value, long TimestampMs, bool HasTimestamp);
