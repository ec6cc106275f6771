using System.Text;
using Exporters.Merger.Exposition;

namespace Exporters.Merger.Tests;

/// <summary>The hash behind interned texts and series keys: equal bytes agree, every byte counts.</summary>
public sealed class HashTests
{
    [Fact]
    public void Equal_bytes_give_equal_hashes()
    {
        foreach (var text in new[] { "", "a", "node_cpu_seconds_total", "a HELP text of some length, longer than a few words" })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(SeriesKeys.Hash(bytes), SeriesKeys.Hash(bytes.ToArray()));
        }
    }

    [Fact]
    public void Changing_any_one_byte_or_the_length_changes_the_hash()
    {
        var original = Encoding.UTF8.GetBytes("node_network_receive_bytes_total{device=\"eth0\"}");
        var hashes = new HashSet<ulong> { SeriesKeys.Hash(original) };
        for (var i = 0; i < original.Length; i++)
        {
            var changed = original.ToArray();
            changed[i] ^= 1;
            Assert.True(hashes.Add(SeriesKeys.Hash(changed)), $"byte {i}");
        }

        for (var length = 0; length < original.Length; length++)
        {
            Assert.True(hashes.Add(SeriesKeys.Hash(original.AsSpan(0, length))), $"length {length}");
        }

        Assert.True(hashes.Add(SeriesKeys.Hash([0])));
        Assert.True(hashes.Add(SeriesKeys.Hash([0, 0])));
    }

    [Fact]
    public void Names_that_differ_only_past_the_first_eight_bytes_are_interned_apart()
    {
        var first = TextInterner.Name("merger_hash_test_a"u8);
        var second = TextInterner.Name("merger_hash_test_b"u8);
        Assert.NotSame(first, second);
        Assert.Equal("merger_hash_test_a", first.Text);
        Assert.Equal("merger_hash_test_b", second.Text);
        Assert.Same(first, TextInterner.Name("merger_hash_test_a"u8));
    }
}
