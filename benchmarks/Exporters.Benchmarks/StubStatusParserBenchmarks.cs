using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Exporters.NginxStub;

namespace Exporters.Benchmarks;

/// <summary>
/// Parsing one stub_status page: the byte parser against the string way (decode, split lines, match
/// with a regex, parse numbers) that the Go exporter's parser follows.
/// </summary>
[MemoryDiagnoser]
public partial class StubStatusParserBenchmarks
{
    private readonly byte[] _page = Encoding.ASCII.GetBytes(
        "Active connections: 291 \nserver accepts handled requests\n 16630948 16630948 31070465 \nReading: 6 Writing: 179 Waiting: 106 \n");

    [Benchmark(Baseline = true)]
    public ulong StringsAndRegex()
    {
        var lines = Encoding.ASCII.GetString(_page).Split('\n');
        var active = ulong.Parse(lines[0].Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var counts = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var match = Line4().Match(lines[3]);
        return active + ulong.Parse(counts[2], System.Globalization.CultureInfo.InvariantCulture)
            + ulong.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Benchmark]
    public ulong Bytes()
    {
        StubStatusParser.TryParse(_page, out var status, out _);
        return status.Active + status.Requests + status.Waiting;
    }

    [GeneratedRegex(@"^Reading: (\d+) Writing: (\d+) Waiting: (\d+)")]
    private static partial Regex Line4();
}
