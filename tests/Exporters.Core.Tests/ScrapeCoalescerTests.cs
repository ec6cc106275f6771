using Exporters.Core.Metrics;

namespace Exporters.Core.Tests;

public sealed class ScrapeCoalescerTests
{
    [Fact]
    public async Task A_caller_arriving_during_a_fetch_gets_the_next_fetch_shared_with_the_others()
    {
        var gates = new List<TaskCompletionSource<int>>();
        var started = 0;
        var coalescer = new ScrapeCoalescer<int>(_ =>
        {
            var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gates)
            {
                gates.Add(gate);
            }

            Interlocked.Increment(ref started);
            return gate.Task;
        });

        var first = coalescer.GetAsync(CancellationToken.None);
        await WaitUntil(() => Volatile.Read(ref started) == 1);
        var second = coalescer.GetAsync(CancellationToken.None);
        var third = coalescer.GetAsync(CancellationToken.None);
        Assert.Equal(1, Volatile.Read(ref started));

        gates[0].SetResult(1);
        Assert.Equal(1, await first);
        await WaitUntil(() => Volatile.Read(ref started) == 2);
        Assert.False(second.IsCompleted);
        gates[1].SetResult(2);

        Assert.Equal(2, await second);
        Assert.Equal(2, await third);
        Assert.Equal(2, Volatile.Read(ref started));

        var fourth = coalescer.GetAsync(CancellationToken.None);
        await WaitUntil(() => Volatile.Read(ref started) == 3);
        gates[2].SetResult(3);
        Assert.Equal(3, await fourth);
    }

    [Fact]
    public async Task A_failed_fetch_fails_its_callers_and_the_next_one_runs_again()
    {
        var calls = 0;
        var coalescer = new ScrapeCoalescer<int>(_ =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<int>(new InvalidOperationException("boom")) : Task.FromResult(7));

        await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.GetAsync(CancellationToken.None));
        Assert.Equal(7, await coalescer.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_callers_never_run_two_fetches_at_once()
    {
        var running = 0;
        var overlap = false;
        var coalescer = new ScrapeCoalescer<int>(async _ =>
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                overlap = true;
            }

            await Task.Delay(1);
            Interlocked.Decrement(ref running);
            return 1;
        });

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => coalescer.GetAsync(CancellationToken.None))));

        Assert.False(overlap);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 10_000 && !condition(); i++)
        {
            await Task.Delay(1);
        }

        Assert.True(condition());
    }
}
