namespace Exporters.Merger.Exposition;

/// <summary>What follows a family's name in a sample's name.</summary>
internal enum SampleSuffix : byte
{
    None,
    Bucket,
    Sum,
    Count,
    Created,

    /// <summary>An OpenMetrics counter sample, <c>name_total</c>; folded into the family's name after parsing.</summary>
    Total,
}
