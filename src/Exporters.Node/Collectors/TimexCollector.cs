using System.ComponentModel;
using System.Runtime.InteropServices;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>adjtimex(2) read without changing anything: the kernel clock's discipline, as node_exporter's timex collector reports it.</summary>
internal sealed partial class TimexCollector : INodeCollector
{
    private const int TimeError = 5;
    private const int StatusNano = 0x2000;
    private const double Micro = 1_000_000.0;
    private const double Nano = 1_000_000_000.0;
    private const double Ppm16 = 1_000_000.0 * 65536.0;

    private static readonly MetricFamily EstError = new("node_timex_estimated_error_seconds", "Estimated error in seconds.", MetricType.Gauge);
    private static readonly MetricFamily Frequency = new("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", MetricType.Gauge);
    private static readonly MetricFamily Constant = new("node_timex_loop_time_constant", "Phase-locked loop time constant.", MetricType.Gauge);
    private static readonly MetricFamily MaxError = new("node_timex_maxerror_seconds", "Maximum error in seconds.", MetricType.Gauge);
    private static readonly MetricFamily Offset = new("node_timex_offset_seconds", "Time offset in between local system and reference clock.", MetricType.Gauge);
    private static readonly MetricFamily PpsCalibration = new("node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.", MetricType.Counter);
    private static readonly MetricFamily PpsError = new("node_timex_pps_error_total", "Pulse per second count of calibration errors.", MetricType.Counter);
    private static readonly MetricFamily PpsFrequency = new("node_timex_pps_frequency_hertz", "Pulse per second frequency.", MetricType.Gauge);
    private static readonly MetricFamily PpsJitter = new("node_timex_pps_jitter_seconds", "Pulse per second jitter.", MetricType.Gauge);
    private static readonly MetricFamily PpsJitterCount = new("node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.", MetricType.Counter);
    private static readonly MetricFamily PpsShift = new("node_timex_pps_shift_seconds", "Pulse per second interval duration.", MetricType.Gauge);
    private static readonly MetricFamily PpsStabilityExceeded = new("node_timex_pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.", MetricType.Counter);
    private static readonly MetricFamily PpsStability = new("node_timex_pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.", MetricType.Gauge);
    private static readonly MetricFamily Status = new("node_timex_status", "Value of the status array bits.", MetricType.Gauge);
    private static readonly MetricFamily SyncStatus = new("node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).", MetricType.Gauge);
    private static readonly MetricFamily Tai = new("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", MetricType.Gauge);
    private static readonly MetricFamily Tick = new("node_timex_tick_seconds", "Seconds between clock ticks.", MetricType.Gauge);

    public string Name => "timex";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        // Modes 0 only reads.
        var timex = default(TimexBuffer);
        var state = Adjtimex(ref timex);
        if (state < 0)
        {
            throw new IOException("adjtimex failed", new Win32Exception(Marshal.GetLastPInvokeError()));
        }

        Write(timex, state, writer);
        return true;
    }

    /// <summary>The families from what adjtimex returned: the clock state and the filled structure.</summary>
    public static void Write(in TimexBuffer timex, int state, ExpositionWriter writer)
    {
        var divisor = (timex.Status & StatusNano) != 0 ? Nano : Micro;
        writer.WriteSample(EstError, LabelSet.Empty, timex.EstError / Micro);
        writer.WriteSample(Frequency, LabelSet.Empty, 1 + (timex.Freq / Ppm16));
        writer.WriteSample(Constant, LabelSet.Empty, timex.Constant);
        writer.WriteSample(MaxError, LabelSet.Empty, timex.MaxError / Micro);
        writer.WriteSample(Offset, LabelSet.Empty, timex.Offset / divisor);
        writer.WriteSample(PpsCalibration, LabelSet.Empty, timex.CalCount);
        writer.WriteSample(PpsError, LabelSet.Empty, timex.ErrCount);
        writer.WriteSample(PpsFrequency, LabelSet.Empty, timex.PpsFreq / Ppm16);
        writer.WriteSample(PpsJitter, LabelSet.Empty, timex.Jitter / divisor);
        writer.WriteSample(PpsJitterCount, LabelSet.Empty, timex.JitCount);
        writer.WriteSample(PpsShift, LabelSet.Empty, timex.Shift);
        writer.WriteSample(PpsStabilityExceeded, LabelSet.Empty, timex.StbCount);
        writer.WriteSample(PpsStability, LabelSet.Empty, timex.Stabil / Ppm16);
        writer.WriteSample(Status, LabelSet.Empty, timex.Status);
        writer.WriteSample(SyncStatus, LabelSet.Empty, state == TimeError ? 0 : 1);
        writer.WriteSample(Tai, LabelSet.Empty, timex.Tai);
        writer.WriteSample(Tick, LabelSet.Empty, timex.Tick / Micro);
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int Adjtimex(ref TimexBuffer timex);
}
