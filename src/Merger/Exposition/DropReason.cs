namespace Exporters.Merger.Exposition;

/// <summary>Why a sample line of an otherwise usable page was left off the merged page.</summary>
internal enum DropReason
{
    /// <summary>A label value (or another part of the line) is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The line is not a sample: a bad name, label set, value or timestamp, or text after it.</summary>
    InvalidLine,

    /// <summary>
    /// The sample's name or labels do not fit the type of its family: <c>x_bucket</c> of a summary, a bucket
    /// without a numeric <c>le</c>, a quantile without a numeric <c>quantile</c>.
    /// </summary>
    WrongType,
}

/// <summary>The value of the <c>reason</c> label for each <see cref="DropReason"/>.</summary>
internal static class DropReasons
{
    public const int Count = 3;

    public static string Label(DropReason reason) => reason switch
    {
        DropReason.InvalidUtf8 => "invalid_utf8",
        DropReason.InvalidLine => "invalid_line",
        _ => "wrong_type",
    };
}
