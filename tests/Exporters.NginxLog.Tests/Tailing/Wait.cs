namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>Waiting for a condition with a generous deadline; a test fails only if it never holds.</summary>
internal static class Wait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static void Until(Func<bool> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("gave up waiting: " + describe());
            }

            Thread.Sleep(5);
        }
    }

    public static async Task UntilAsync(Func<bool> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("gave up waiting: " + describe());
            }

            await Task.Delay(5);
        }
    }
}
