using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Exporters.Testing;

namespace Exporters.Core.Tests;

public sealed class ProcessCollectorTests
{
    [Fact]
    public void Parses_proc_stat_even_with_spaces_and_parentheses_in_the_command()
    {
        var stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 50 0 0 20 0 12 0 98765 262144000 4096 18446744073709551615\n"u8;

        Assert.True(ProcessCollector.TryParseStat(stat, out var cpu, out var start, out var virt, out var rss));
        Assert.Equal(200, cpu);
        Assert.Equal(98765, start);
        Assert.Equal(262144000, virt);
        Assert.Equal(4096, rss);
        Assert.False(ProcessCollector.TryParseStat("garbage"u8, out _, out _, out _, out _));
    }

    [Fact]
    public void Parses_soft_limits()
    {
        var limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max open files            1024                 524288               files
            Max address space         unlimited            unlimited            bytes
            """u8;

        var (files, addressSpace) = ProcessCollector.ParseLimits(limits);

        Assert.Equal(1024, files);
        Assert.Equal(ulong.MaxValue, addressSpace);
    }

    [Fact]
    public async Task Writes_the_go_client_families_for_this_process()
    {
        var buffer = new ArrayBufferWriter<byte>();

        await new ProcessCollector().CollectAsync(new ExpositionWriter(buffer, ExpositionFormat.Text004), CancellationToken.None);

        var page = MetricsPage.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(
            ["process_cpu_seconds_total", "process_max_fds", "process_open_fds", "process_resident_memory_bytes",
             "process_start_time_seconds", "process_virtual_memory_bytes", "process_virtual_memory_max_bytes"],
            page.Families.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(page.Value("process_resident_memory_bytes"), 1e6, 1e10);
        Assert.InRange(page.Value("process_open_fds"), 3, 1e6);
        var started = DateTimeOffset.FromUnixTimeMilliseconds((long)(page.Value("process_start_time_seconds") * 1000));
        Assert.InRange(started, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
