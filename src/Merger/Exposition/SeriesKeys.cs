using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace Exporters.Merger.Exposition;

/// <summary>
/// The series already taken for one family: each sample's suffix and its labels (with the upstream's
/// added ones) sorted by name, encoded into one pooled arena and found by a 64-bit hash, bytes compared.
/// </summary>
internal sealed class SeriesKeys : IDisposable
{
    private readonly Dictionary<ulong, (int Start, int Length)> _seen = [];
    private byte[] _arena = ArrayPool<byte>.Shared.Rent(4096);
    private int _used;
    private LabelSpan[] _order = new LabelSpan[16];

    public object? Owner { get; set; }

    public void Reset()
    {
        _seen.Clear();
        _used = 0;
        Owner = null;
    }

    public void Dispose()
    {
        var arena = _arena;
        _arena = [];
        _used = 0;
        if (arena.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(arena);
        }
    }

    /// <summary>True when the series is new (and is now taken).</summary>
    public bool TryAdd(MergeSource source, ParsedSample sample)
    {
        var start = _used;
        Append((byte)sample.Suffix);
        var body = source.Page.Body;
        var count = Collect(source, sample, body);
        for (var i = 0; i < count; i++)
        {
            var label = _order[i];
            Append(Slice(source, body, label, name: true));
            Append(0xFE);
            Append(Slice(source, body, label, name: false));
            Append(0xFF);
        }

        var key = _arena.AsSpan(start, _used - start);
        var hash = Hash(key);
        if (_seen.TryGetValue(hash, out var existing) && _arena.AsSpan(existing.Start, existing.Length).SequenceEqual(key))
        {
            _used = start;
            return false;
        }

        _seen[hash] = (start, _used - start);
        return true;
    }

    /// <summary>The sample's labels and the upstream's added ones it lacks, sorted by name into _order.</summary>
    private int Collect(MergeSource source, ParsedSample sample, ReadOnlySpan<byte> body)
    {
        var extra = source.Labels;
        var needed = sample.LabelCount + extra.Count;
        if (_order.Length < needed)
        {
            _order = new LabelSpan[Math.Max(needed, _order.Length * 2)];
        }

        var count = 0;
        var labels = source.Page.Labels;
        for (var i = 0; i < sample.LabelCount; i++)
        {
            Insert(source, body, new LabelSpan(sample.LabelStart + i, Extra: false), ref count);
        }

        for (var e = 0; e < extra.Count; e++)
        {
            if (!HasLabel(body, labels, sample, extra.Names[e]))
            {
                Insert(source, body, new LabelSpan(e, Extra: true), ref count);
            }
        }

        return count;
    }

    private void Insert(MergeSource source, ReadOnlySpan<byte> body, LabelSpan label, ref int count)
    {
        var name = Slice(source, body, label, name: true);
        var i = count;
        while (i > 0 && Slice(source, body, _order[i - 1], name: true).SequenceCompareTo(name) > 0)
        {
            _order[i] = _order[i - 1];
            i--;
        }

        _order[i] = label;
        count++;
    }

    public static bool HasLabel(ReadOnlySpan<byte> body, List<LabelRef> labels, ParsedSample sample, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < sample.LabelCount; i++)
        {
            var label = labels[sample.LabelStart + i];
            if (body.Slice(label.NameStart, label.NameLength).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> Slice(MergeSource source, ReadOnlySpan<byte> body, LabelSpan label, bool name)
    {
        if (label.Extra)
        {
            return name ? source.Labels.Names[label.Index] : source.Labels.Values[label.Index];
        }

        var reference = source.Page.Labels[label.Index];
        return name ? body.Slice(reference.NameStart, reference.NameLength) : body.Slice(reference.ValueStart, reference.ValueLength);
    }

    private void Append(byte b)
    {
        Ensure(1);
        _arena[_used++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_arena.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_used + more <= _arena.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_arena.Length * 2, _used + more));
        _arena.AsSpan(0, _used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_arena);
        _arena = larger;
    }

    /// <summary>A 64-bit hash of the bytes; equal bytes give equal hashes within one process.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> key)
    {
        // Eight bytes a step (names and HELP texts run to a hundred bytes and more), then mixed once so
        // that both halves of the result, which the dictionaries fold together, depend on every byte.
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        var hash = (ulong)key.Length * Prime;
        var i = 0;
        for (; i + 8 <= key.Length; i += 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * Prime, 29);
        }

        ulong tail = 0;
        for (var shift = 0; i < key.Length; i++, shift += 8)
        {
            tail |= (ulong)key[i] << shift;
        }

        hash = (hash ^ tail) * Prime;
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return hash;
    }

    private readonly record struct LabelSpan(int Index, bool Extra);
}
