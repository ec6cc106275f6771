using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class StatVfsThreadsTests
{
    [Fact]
    public async Task A_hung_call_holds_only_its_own_thread_and_its_thread_serves_again_once_it_returns()
    {
        var threads = new StatVfsThreads();
        using var release = new ManualResetEventSlim();
        var threadIds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        StatVfsCall statVfs = (string path, out StatVfsBuffer stats) =>
        {
            threadIds[path] = Environment.CurrentManagedThreadId;
            if (path == "/hung")
            {
                release.Wait();
            }

            stats = new StatVfsBuffer { Blocks = (ulong)path.Length };
            return true;
        };

        var hung = threads.Run(statVfs, "/hung");
        for (var i = 0; i < 5; i++)
        {
            var (ok, stats) = await threads.Run(statVfs, "/ok" + i).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(ok);
            Assert.Equal((ulong)4, stats.Blocks);
        }

        Assert.False(hung.IsCompleted);
        release.Set();
        Assert.Equal((ulong)5, (await hung.WaitAsync(TimeSpan.FromSeconds(30))).Stats.Blocks);
        Assert.NotEqual(threadIds["/hung"], threadIds["/ok0"]);

        // The calls in turn reuse the thread that is idle rather than start one each.
        Assert.Single(new[] { "/ok1", "/ok2", "/ok3", "/ok4" }.Select(p => threadIds[p]).Distinct());
    }

    [Fact]
    public async Task A_call_that_throws_fails_its_task()
    {
        var threads = new StatVfsThreads();
        StatVfsCall statVfs = (string path, out StatVfsBuffer stats) => throw new InvalidOperationException("boom " + path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => threads.Run(statVfs, "/x").WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("boom /x", error.Message);
    }
}
