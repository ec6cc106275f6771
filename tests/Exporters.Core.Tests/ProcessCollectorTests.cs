using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;
using Exporters.Testing;

namespace Exporters.Core.Tests;

public sealed class ProcessCollectorTests
{
    [Fact]
    public void Parses_the_start_time_from_proc_stat_even_with_spaces_and_parentheses_in_the_command()
    {
        var stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 50 0 0 20 0 12 0 98765 262144000 4096 18446744073709551615\n"u8;

        Assert.True(ProcessCollector.TryParseStartTicks(stat, out var start));
        Assert.Equal(98765, start);
        Assert.False(ProcessCollector.TryParseStartTicks("garbage"u8, out _));
        Assert.False(ProcessCollector.TryParseStartTicks("1 (x) S 1 2 3\n"u8, out _));
    }

    [Fact]
    public void Parses_statm()
    {
        Assert.True(ProcessCollector.TryParseStatm("262144 4096 1000 10 0 5000 0\n"u8, out var size, out var resident));
        Assert.Equal(262144, size);
        Assert.Equal(4096, resident);
        Assert.False(ProcessCollector.TryParseStatm("x 1\n"u8, out _, out _));
        Assert.False(ProcessCollector.TryParseStatm("12"u8, out _, out _));
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

    [Fact]
    public void Counts_open_files_the_same_both_ways()
    {
        // Other threads may open or close a file in between; the two counts agree within a few.
        var fast = OpenFileCount.Read("/proc/self/fd");
        var counted = OpenFileCount.CountEntries("/proc/self/fd");

        Assert.InRange(fast, Math.Max(3, counted - 5), counted + 5);
        Assert.Throws<IOException>(() => OpenFileCount.CountEntries("/nonexistent/fd"));
    }
}
