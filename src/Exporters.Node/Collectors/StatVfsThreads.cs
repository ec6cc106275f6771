using System.Collections.Concurrent;

namespace Exporters.Node.Collectors;

/// <summary>
/// Threads of their own for statvfs calls, which can hang for good on a dead network mount: an idle thread
/// takes the next call, and when none is idle a new one starts, so a hung call holds only its own thread and
/// neither waits behind another call nor on a starved thread pool. A thread whose call returns waits for the next.
/// </summary>
internal sealed class StatVfsThreads
{
    private readonly ConcurrentQueue<StatVfsThreadCall> _calls = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _idle;

    /// <summary>Runs <paramref name="statVfs"/> on <paramref name="path"/> on an idle or a new thread.</summary>
    public Task<(bool Ok, StatVfsBuffer Stats)> Run(StatVfsCall statVfs, string path)
    {
        var call = new StatVfsThreadCall(statVfs, path, new TaskCompletionSource<(bool Ok, StatVfsBuffer Stats)>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (TryClaimIdle())
        {
            _calls.Enqueue(call);
            _wake.Release();
        }
        else
        {
            new Thread(() => Loop(call)) { IsBackground = true, Name = "statvfs" }.Start();
        }

        return call.Completion.Task;
    }

    /// <summary>Takes one idle thread for a call; false when every thread is busy.</summary>
    private bool TryClaimIdle()
    {
        while (true)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _idle, idle - 1, idle) == idle)
            {
                return true;
            }
        }
    }

    private void Loop(StatVfsThreadCall call)
    {
        while (true)
        {
            (bool Ok, StatVfsBuffer Stats) result = default;
            Exception? error = null;
            try
            {
                result.Ok = call.StatVfs(call.Path, out result.Stats);
            }
            catch (Exception e)
            {
                error = e;
            }

            // Idle before the caller hears back, so that its next call finds this thread.
            Interlocked.Increment(ref _idle);
            if (error is null)
            {
                call.Completion.SetResult(result);
            }
            else
            {
                call.Completion.SetException(error);
            }

            // A wake-up comes only with a call, queued by the Run that claimed this thread.
            _wake.Wait();
            while (!_calls.TryDequeue(out call))
            {
                Thread.Yield();
            }
        }
    }
}
