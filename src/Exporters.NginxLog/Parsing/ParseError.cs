namespace Exporters.NginxLog.Parsing;

/// <summary>Why a line was not counted as a request.</summary>
internal enum ParseError : byte
{
    None,

    /// <summary>The line does not match the format (or is not a JSON object).</summary>
    NoMatch,

    /// <summary>A variable with a numeric meaning ($status, sizes, times) holds something else.</summary>
    BadNumber,

    /// <summary>A value a label needs is not valid UTF-8 once unescaped.</summary>
    InvalidUtf8,

    /// <summary>The line was longer than max_line_bytes.</summary>
    TooLong,
}
