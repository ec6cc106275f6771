namespace Exporters.Merger.Exposition;

/// <summary>Why something an upstream sent was left off the merged page.</summary>
internal enum ConflictKind
{
    /// <summary>The family's TYPE differs from the one taken first.</summary>
    TypeClash,

    /// <summary>The family's name is one the merger exposes itself.</summary>
    ReservedName,

    /// <summary>A sample with the name and labels of one already taken.</summary>
    DuplicateSample,

    /// <summary>The family is named as samples of another family (<c>h_count</c> beside histogram <c>h</c>).</summary>
    NameClash,
}
