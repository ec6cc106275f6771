namespace Exporters.NginxLog.Format;

/// <summary>
/// Finds the values of a format's variables in one line, as byte ranges into that line (still escaped),
/// without allocating.
/// </summary>
internal interface ILineMatcher
{
    /// <summary>The variable names, without <c>$</c>, in the order of the ranges <see cref="TryMatch"/> fills.</summary>
    IReadOnlyList<string> Variables { get; }

    ValueEscaping Escaping { get; }

    /// <summary>
    /// Fills <paramref name="values"/> (length <see cref="Variables"/>.Count) with each variable's range in
    /// <paramref name="line"/>; a variable a JSON line lacks gets an empty range. False if the line does not match.
    /// </summary>
    bool TryMatch(ReadOnlySpan<byte> line, Span<Range> values);
}
