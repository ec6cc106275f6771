namespace Exporters.Testing;

/// <summary>Runs Prometheus' promtool (Debian package prometheus) over a page.</summary>
public static class Promtool
{
    public const string Binary = "/usr/bin/promtool";

    /// <summary>
    /// <c>promtool check metrics</c>: exit 0 is a clean page, 3 a page that parses but has lint problems
    /// (returned one a line), anything else a page Prometheus cannot parse, which fails the test.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckMetricsAsync(string page)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("promtool is not installed (apt-get install prometheus); the test command installs it");
        }

        var (exit, stdout, stderr) = await ChildProcess.RunAsync(Binary, ["check", "metrics"], stdin: page);
        var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exit is 0 or 3, $"promtool check metrics exited {exit}:\n{stdout}{stderr}\npage:\n{page}");
        return lines;
    }
}
