namespace Exporters.Testing;

/// <summary>
/// The Python client's OpenMetrics parser (Debian package python3-prometheus-client), an independent judge
/// of an OpenMetrics page: it rejects what the OpenMetrics 1.0 text format forbids.
/// </summary>
public static class OpenMetricsParser
{
    public const string Python = "/usr/bin/python3";

    private const string Script =
        "import sys\n" +
        "from prometheus_client.openmetrics.parser import text_string_to_metric_families\n" +
        "families = list(text_string_to_metric_families(sys.stdin.read()))\n" +
        "print(len(families))\n";

    /// <summary>Parses <paramref name="page"/>; fails the test with the parser's error if it is not valid. Returns the number of families.</summary>
    public static async Task<int> CheckAsync(string page)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(Python, ["-c", Script], stdin: page);
        Assert.True(
            exit == 0,
            $"the Python client's OpenMetrics parser refused the page (apt-get install python3-prometheus-client if it is missing):\n{stderr}\npage:\n{page}");
        return int.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
