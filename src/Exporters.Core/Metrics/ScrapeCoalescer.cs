namespace Exporters.Core.Metrics;

/// <summary>
/// Lets concurrent scrapes share work without ever receiving a result older than their request: a caller
/// that arrives while a fetch is under way waits for the next fetch, which starts when that one ends and
/// serves everyone who arrived meanwhile. At most one fetch runs at a time. A caller that finds no fetch
/// under way runs one itself, on its own thread, with no hand-off.
/// </summary>
public sealed class ScrapeCoalescer<T>
{
    private readonly Func<CancellationToken, Task<T>> _fetch;
    private readonly Lock _gate = new();
    private bool _running;
    private TaskCompletionSource<T>? _waiting;

    /// <param name="fetch">The work; it is given no caller's token, since its result may be shared.</param>
    public ScrapeCoalescer(Func<CancellationToken, Task<T>> fetch)
    {
        _fetch = fetch;
    }

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_running)
            {
                _waiting ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _waiting.Task.WaitAsync(cancellationToken);
            }

            _running = true;
        }

        return RunAsync();
    }

    private async Task<T> RunAsync()
    {
        try
        {
            return await _fetch(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>Ends a fetch: the callers that arrived during it get a fetch of their own, run in the background.</summary>
    private void Finish()
    {
        TaskCompletionSource<T>? next;
        lock (_gate)
        {
            next = _waiting;
            _waiting = null;
            _running = next is not null;
        }

        if (next is not null)
        {
            _ = Task.Run(() => RunForWaitersAsync(next));
        }
    }

    private async Task RunForWaitersAsync(TaskCompletionSource<T> waiters)
    {
        try
        {
            waiters.SetResult(await _fetch(CancellationToken.None).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // The fetch's failure belongs to every caller that waits for it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            waiters.SetException(e);
        }
        finally
        {
            Finish();
        }
    }
}
