namespace Exporters.NginxLog.Tailing;

/// <summary>
/// An auto-reset signal with one waiter: <see cref="Set"/> wakes the pending <see cref="WaitAsync"/>, or
/// the next one if none is pending. Several sets before a wait wake it once.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _set;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _set = true;
            }
        }

        waiter?.TrySetResult();
    }

    public Task WaitAsync()
    {
        lock (_lock)
        {
            if (_set)
            {
                _set = false;
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }
}
