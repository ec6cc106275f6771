using System.Text;
using Exporters.NginxLog.Metrics;

namespace Exporters.NginxLog.Tests.Metrics;

public sealed class ByteKeyInternerTests
{
    [Fact]
    public void Finds_what_was_added_by_its_bytes()
    {
        var interner = new ByteKeyInterner(16);
        interner.Add("GET"u8, 1);
        interner.Add("POST"u8, 2);
        interner.Add(""u8, 3);

        Assert.True(interner.TryGet("GET"u8, out var get));
        Assert.Equal(1, get);
        Assert.True(interner.TryGet("POST"u8, out var post));
        Assert.Equal(2, post);
        Assert.True(interner.TryGet(""u8, out var empty));
        Assert.Equal(3, empty);
        Assert.False(interner.TryGet("GE"u8, out _));
    }

    [Fact]
    public void Empties_itself_when_full_so_memory_stays_bounded()
    {
        var interner = new ByteKeyInterner(100);
        for (var i = 0; i < 1000; i++)
        {
            var key = Encoding.ASCII.GetBytes($"value-{i}");
            if (!interner.TryGet(key, out _))
            {
                interner.Add(key, i);
            }

            Assert.InRange(interner.Count, 1, 100);
            Assert.True(interner.TryGet(key, out var id));
            Assert.Equal(i, id);
        }
    }
}
