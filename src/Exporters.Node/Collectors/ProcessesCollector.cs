using System.Globalization;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/task: the processes and threads by state, the threads allocated,
/// and the limits in /proc/sys/kernel/threads-max and pid_max. A process or thread that vanishes while it is
/// read is left out.
/// </summary>
internal sealed class ProcessesCollector : INodeCollector
{
    private static readonly MetricFamily MaxProcesses = new("node_processes_max_processes", "Number of max PIDs limit", MetricType.Gauge);
    private static readonly MetricFamily MaxThreads = new("node_processes_max_threads", "Limit of threads in the system", MetricType.Gauge);
    private static readonly MetricFamily Pids = new("node_processes_pids", "Number of PIDs", MetricType.Gauge);
    private static readonly MetricFamily ProcessState = new("node_processes_state", "Number of processes in each state.", MetricType.Gauge);
    private static readonly MetricFamily Threads = new("node_processes_threads", "Allocated threads in system", MetricType.Gauge);
    private static readonly MetricFamily ThreadState = new("node_processes_threads_state", "Number of threads in each state.", MetricType.Gauge);
    private static readonly LabelCache ProcessStates = new("state");
    private static readonly LabelCache ThreadStates = new("thread_state");

    private const int ErrorNoEntry = 2;
    private const int ErrorNoProcess = 3;

    public string Name => "processes";

    public bool EnabledByDefault => false;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var processes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var threads = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long pids = 0;
        long allocated = 0;
        foreach (var (pid, directory) in Ids(paths.ProcFs))
        {
            if (!TryReadStat(Path.Combine(directory, "stat"), out var stat))
            {
                continue;
            }

            pids++;
            allocated += stat.Threads;
            Add(processes, stat.State);
            CountThreads(pid, stat.State, Path.Combine(directory, "task"), threads);
        }

        var maxThreads = ReadLimit(paths.Proc("sys/kernel/threads-max"));
        var maxProcesses = ReadLimit(paths.Proc("sys/kernel/pid_max"));
        writer.WriteSample(MaxProcesses, LabelSet.Empty, maxProcesses);
        writer.WriteSample(MaxThreads, LabelSet.Empty, maxThreads);
        writer.WriteSample(Pids, LabelSet.Empty, pids);
        foreach (var (state, count) in processes)
        {
            writer.WriteSample(ProcessState, ProcessStates.Get(state), count);
        }

        writer.WriteSample(Threads, LabelSet.Empty, allocated);
        foreach (var (state, count) in threads)
        {
            writer.WriteSample(ThreadState, ThreadStates.Get(state), count);
        }

        return true;
    }

    /// <summary>
    /// Each thread of a process by its state: the main thread with the process's own state, the others
    /// from their task stat. Without a task folder no thread is counted.
    /// </summary>
    private static void CountThreads(long pid, string processState, string task, SortedDictionary<string, long> threads)
    {
        if (!Directory.Exists(task))
        {
            return;
        }

        foreach (var (tid, directory) in Ids(task))
        {
            if (tid == pid)
            {
                Add(threads, processState);
            }
            else if (TryReadStat(Path.Combine(directory, "stat"), out var stat))
            {
                Add(threads, stat.State);
            }
        }
    }

    /// <summary>The entries of a folder named by a number, as node_exporter lists processes (the path rebuilt from the number).</summary>
    private static List<(long Id, string Directory)> Ids(string root)
    {
        var ids = new List<(long, string)>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            var name = Path.GetFileName(entry.AsSpan());
            if (name.Length > 0 && (char.IsAsciiDigit(name[0]) || name[0] is '+' or '-')
                && long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add((id, Path.Combine(root, id.ToString(CultureInfo.InvariantCulture))));
            }
        }

        return ids;
    }

    /// <summary>The stat of a process or thread, or false when it has vanished.</summary>
    /// <exception cref="IOException">It cannot be read for another reason.</exception>
    /// <exception cref="FormatException">It is malformed.</exception>
    private static bool TryReadStat(string path, out (string State, long Threads) stat)
    {
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            stat = default;
            return errno is ErrorNoEntry or ErrorNoProcess ? false : throw ProcFile.Error(path, errno);
        }

        using (file)
        {
            stat = ProcessStat.Parse(file.Span);
            return true;
        }
    }

    private static void Add(SortedDictionary<string, long> counts, string state) =>
        counts[state] = counts.GetValueOrDefault(state) + 1;

    private static double ReadLimit(string path)
    {
        using var file = FileBuffer.Read(path);
        return Bytes.ParseUInt64(file.Span.Trim(" \t\r\n\v\f"u8));
    }
}
