namespace Exporters.NginxLog.Metrics;

/// <summary>Compares series keys (label value ids), also as spans, so a lookup allocates nothing.</summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static SeriesKeyComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);

    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<int> key)
    {
        var hash = new HashCode();
        foreach (var id in key)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }
}
