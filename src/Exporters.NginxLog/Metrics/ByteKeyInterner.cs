using System.Runtime.CompilerServices;
namespace Exporters.NginxLog.Metrics;

/// <summary>
/// Maps byte strings to small integer ids without allocating on a hit: an open-addressing table keyed by
/// the bytes themselves. It holds at most <see cref="Capacity"/> keys; when full it is emptied and refills,
/// so a source of ever-new values costs memory once, not without bound. Not thread-safe.
/// </summary>
internal sealed class ByteKeyInterner
{
    private readonly byte[]?[] _keys;
    private readonly int[] _values;
    private readonly int[] _hashes;
    private int _count;

    public ByteKeyInterner(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        var slots = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _keys = new byte[]?[slots];
        _values = new int[slots];
        _hashes = new int[slots];
    }

    public int Capacity { get; }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> key, out int value)
    {
        var hash = Hash(key);
        var mask = _keys.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var existing = _keys[slot];
            if (existing is null)
            {
                value = 0;
                return false;
            }

            if (_hashes[slot] == hash && key.SequenceEqual(existing))
            {
                value = _values[slot];
                return true;
            }
        }
    }

    /// <summary>Adds a key not present yet; empties the table first when it is full.</summary>
    public void Add(ReadOnlySpan<byte> key, int value)
    {
        if (_count >= Capacity)
        {
            Array.Clear(_keys);
            _count = 0;
        }

        var hash = Hash(key);
        var mask = _keys.Length - 1;
        var slot = hash & mask;
        while (_keys[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        _keys[slot] = key.ToArray();
        _hashes[slot] = hash;
        _values[slot] = value;
        _count++;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode() & int.MaxValue;
    }
}
