namespace Exporters.Core.Metrics;

/// <summary>
/// Lets concurrent scrapes share work without ever receiving a result older than their request: a caller
/// that arrives while a fetch is under way waits for the next fetch, which starts when that one ends and
/// serves everyone who arrived meanwhile. At most one fetch runs at a time.
/// </summary>
public sealed class ScrapeCoalescer<T>
{
    private readonly Func<CancellationToken, Task<T>> _fetch;
    private readonly Lock _gate = new();
    private bool _running;
    private TaskCompletionSource<T>? _waiting;

    /// <param name="fetch">The work; it is given no caller's token, since its result is shared.</param>
    public ScrapeCoalescer(Func<CancellationToken, Task<T>> fetch)
    {
        _fetch = fetch;
    }

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<T> result;
        lock (_gate)
        {
            if (_running)
            {
                _waiting ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _waiting.Task.WaitAsync(cancellationToken);
            }

            _running = true;
            result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = RunAsync(result);
        return result.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(TaskCompletionSource<T> result)
    {
        await Task.Yield();
        while (true)
        {
            try
            {
                result.SetResult(await _fetch(CancellationToken.None).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // The fetch's failure belongs to every caller that waits for it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }

            lock (_gate)
            {
                if (_waiting is null)
                {
                    _running = false;
                    return;
                }

                result = _waiting;
                _waiting = null;
            }
        }
    }
}
