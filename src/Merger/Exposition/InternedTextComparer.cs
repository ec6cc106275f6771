namespace Exporters.Merger.Exposition;

/// <summary>
/// Compares interned names by their bytes, with the hash kept in each <see cref="InternedText"/>: the same
/// object is equal at once, and a name may be looked up by its UTF-8 bytes without making a string.
/// </summary>
internal sealed class InternedTextComparer : IEqualityComparer<InternedText>, IAlternateEqualityComparer<ReadOnlySpan<byte>, InternedText>
{
    public static InternedTextComparer Instance { get; } = new();

    private InternedTextComparer()
    {
    }

    /// <summary>The hash an <see cref="InternedText"/> of these bytes keeps.</summary>
    public static int HashOf(ReadOnlySpan<byte> utf8)
    {
        var hash = SeriesKeys.Hash(utf8);
        return (int)hash ^ (int)(hash >> 32);
    }

    public bool Equals(InternedText? x, InternedText? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && x.Utf8.AsSpan().SequenceEqual(y.Utf8));

    public int GetHashCode(InternedText obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Hash;
    }

    public bool Equals(ReadOnlySpan<byte> alternate, InternedText other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Utf8.AsSpan().SequenceEqual(alternate);
    }

    public int GetHashCode(ReadOnlySpan<byte> alternate) => HashOf(alternate);

    public InternedText Create(ReadOnlySpan<byte> alternate) => TextInterner.Name(alternate);
}
