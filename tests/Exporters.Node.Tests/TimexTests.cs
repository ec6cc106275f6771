using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class TimexTests
{
    [Fact]
    public void Microsecond_clock_is_scaled_as_node_exporter_does()
    {
        var timex = new TimexBuffer
        {
            Offset = 1500,
            Freq = 65536 * 10,
            MaxError = 16_000_000,
            EstError = 250_000,
            Status = 0x40,
            Constant = 2,
            Tick = 10_000,
            PpsFreq = 65536,
            Jitter = 3,
            Shift = 4,
            Stabil = 131072,
            JitCount = 5,
            CalCount = 6,
            ErrCount = 7,
            StbCount = 8,
            Tai = 37,
        };
        var text = Fixtures.Render(w => TimexCollector.Write(timex, 0, w));
        Assert.Equal(
            [
                "node_timex_estimated_error_seconds 0.25", "node_timex_frequency_adjustment_ratio 1.00001", "node_timex_loop_time_constant 2",
                "node_timex_maxerror_seconds 16", "node_timex_offset_seconds 0.0015", "node_timex_pps_calibration_total 6", "node_timex_pps_error_total 7",
                "node_timex_pps_frequency_hertz 1e-06", "node_timex_pps_jitter_seconds 3e-06", "node_timex_pps_jitter_total 5", "node_timex_pps_shift_seconds 4",
                "node_timex_pps_stability_exceeded_total 8", "node_timex_pps_stability_hertz 2e-06", "node_timex_status 64", "node_timex_sync_status 1",
                "node_timex_tai_offset_seconds 37", "node_timex_tick_seconds 0.01",
            ],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')));
        Assert.Contains("# HELP node_timex_pps_jitter_total Pulse per second count of jitter limit exceeded events.\n# TYPE node_timex_pps_jitter_total counter\n", text);
    }

    [Fact]
    public void Nanosecond_status_and_time_error_state()
    {
        var timex = new TimexBuffer { Offset = 1500, Jitter = 3, Status = 0x2000 };
        var text = Fixtures.Render(w => TimexCollector.Write(timex, 5, w));
        Assert.Contains("node_timex_offset_seconds 1.5e-06\n", text);
        Assert.Contains("node_timex_pps_jitter_seconds 3e-09\n", text);
        Assert.Contains("node_timex_sync_status 0\n", text);
    }

    [Fact]
    public void The_kernel_answers_with_a_positive_tick()
    {
        var text = Fixtures.Render(w => new TimexCollector().Update(new NodePaths(Fixtures.Proc, Fixtures.Sys, "/"), w));
        var tick = text.Split('\n').Single(l => l.StartsWith("node_timex_tick_seconds ", StringComparison.Ordinal));
        Assert.True(double.Parse(tick["node_timex_tick_seconds ".Length..], System.Globalization.CultureInfo.InvariantCulture) > 0, tick);
    }
}
