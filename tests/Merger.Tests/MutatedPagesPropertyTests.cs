using System.Globalization;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;
using Exporters.Testing;

namespace Exporters.Merger.Tests;

/// <summary>
/// Realistic pages (fixtures/seed-pages: a node exporter's, the suite's exporters', a Go exporter's, an
/// OpenMetrics one) mutated at random and merged after healthy ones: every merged page must be valid in both
/// formats, and the healthy upstreams must keep every sample. The seed is fixed (printed on failure);
/// MERGER_PROPERTY_SEED runs another one.
/// </summary>
public sealed class MutatedPagesPropertyTests
{
    private const int Variants = 10_000;
    private const int ExternallyChecked = 200;

    private static readonly string[] Files = ["node.prom", "go-exporter.prom", "nginx-stub.prom", "nginx-log.prom", "app.openmetrics"];

    private static readonly (string File, byte[] Bytes)[] Seeds = [.. Files.Select(f => (f, File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "Merger.Tests", "fixtures", "seed-pages", f))))];

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("MERGER_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261202;

    [Fact]
    public void Every_merged_page_is_valid_in_both_formats_and_healthy_upstreams_keep_their_samples()
    {
        var seed = Seed();
        var random = new Random(seed);
        for (var v = 0; v < Variants; v++)
        {
            var variant = NewCase(random);
            string? failure;
            try
            {
                failure = Check(variant, out _, out _);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failure = e.ToString();
            }

            Assert.True(failure is null, $"seed {seed} (MERGER_PROPERTY_SEED={seed}), variant {v}: {failure}\nmutated {variant.Broken.File}:\n{Encoding.UTF8.GetString(variant.Broken.Bytes)}");
        }
    }

    [Fact]
    public async Task Merged_pages_of_mutated_upstreams_pass_promtool_and_the_python_openmetrics_parser()
    {
        var seed = Seed();
        var random = new Random(seed);
        var pages = new List<(string Text, string OpenMetrics)>();
        for (var v = 0; v < ExternallyChecked; v++)
        {
            var failure = Check(NewCase(random), out var text, out var openMetrics);
            Assert.True(failure is null, $"seed {seed}: {failure}");
            pages.Add((text, openMetrics));
        }

        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(pages.Select(async page =>
        {
            await gate.WaitAsync();
            try
            {
                // Fails the test unless promtool parses the page; lint remarks about names are the upstreams'.
                await Promtool.CheckMetricsAsync(page.Text);
                await OpenMetricsParser.CheckAsync(page.OpenMetrics);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private sealed record Page(string File, byte[] Bytes)
    {
        public bool OpenMetrics => File.EndsWith(".openmetrics", StringComparison.Ordinal);
    }

    private sealed record Case((string File, byte[] Bytes)[] Healthy, Page Broken);

    private static Case NewCase(Random random)
    {
        var order = Enumerable.Range(0, Seeds.Length).OrderBy(_ => random.Next()).ToArray();
        var healthy = order.Take(random.Next(1, 3)).Select(i => Seeds[i]).ToArray();
        var broken = Seeds[order[^1]];
        var bytes = broken.Bytes;
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            bytes = Mutate(random, bytes);
        }

        return new Case(healthy, new Page(broken.File, bytes));
    }

    /// <summary>Merges the healthy pages, then the broken one; null when both outputs are valid and the healthy samples are all there.</summary>
    private static string? Check(Case variant, out string text, out string openMetrics)
    {
        var reference = MergeAll(variant.Healthy.Select(h => new Page(h.File, h.Bytes)), ExpositionFormat.Text004);
        var pages = variant.Healthy.Select(h => new Page(h.File, h.Bytes)).Append(variant.Broken).ToArray();
        var textBytes = MergeAll(pages, ExpositionFormat.Text004);
        var openMetricsBytes = MergeAll(pages, ExpositionFormat.OpenMetrics100);
        text = Encoding.UTF8.GetString(textBytes);
        openMetrics = Encoding.UTF8.GetString(openMetricsBytes);
        var error = StrictValidator.Check(textBytes, openMetrics: false);
        if (error is not null)
        {
            return $"text: {error}\n{text}";
        }

        error = StrictValidator.Check(openMetricsBytes, openMetrics: true);
        if (error is not null)
        {
            return $"OpenMetrics: {error}\n{openMetrics}";
        }

        var lines = new HashSet<string>(text.Split('\n'), StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(reference).Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith('#') && !lines.Contains(line))
            {
                return $"healthy sample lost: {line}\n{text}";
            }
        }

        return null;
    }

    private static byte[] MergeAll(IEnumerable<Page> pages, ExpositionFormat format)
    {
        var parsed = new List<ParsedPage>();
        try
        {
            using var merger = new PageMerger(static _ => false, static (_, _, _) => { });
            var i = 0;
            foreach (var page in pages)
            {
                var bytes = page.Bytes.ToArray();
                if (ExpositionParser.TryParse(bytes, bytes.Length, page.OpenMetrics, pooled: false, out var result, out _))
                {
                    parsed.Add(result!);
                    merger.Add(new MergeSource($"u{i++}", result!, UpstreamLabels.Empty));
                }
            }

            merger.Complete();
            using var output = new PooledBufferWriter();
            MergedPageWriter.Write(merger.Families, output, format);
            if (format == ExpositionFormat.OpenMetrics100)
            {
                output.Write("# EOF\n"u8);
            }

            return output.WrittenSpan.ToArray();
        }
        finally
        {
            parsed.ForEach(p => p.Dispose());
        }
    }

    private static readonly string[] Values = ["NaN", "+Inf", "-Inf", "-1", "1e308", "-1e308", "1.7976931348623157e+309", "123456789012345678901234567890", "0.5", "Infinity", "-0", "1_000", "0x10"];

    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram", "fancy"];

    private static readonly string[] Inserts = ["\\t", "\\\\", "\\\"", "\\n", "\\", "\"", "{", "}", ",", "=", " ", "\t", "#", "é", "\u2603"];

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return "x 1\n"u8.ToArray();
        }

        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(17))
        {
            case 0:
                {
                    var copy = bytes.ToArray();
                    copy[random.Next(copy.Length)] = random.Next(4) switch { 0 => 0xFF, 1 => 0x00, 2 => (byte)"\\\"{} #\n="[random.Next(8)], _ => (byte)random.Next(256) };
                    return copy;
                }

            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                lines.Insert(random.Next(lines.Count), lines[line]);
                break;
            case 3:
                {
                    var other = random.Next(lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    break;
                }

            case 4:
                lines.RemoveAt(line);
                break;
            case 5:
                {
                    // Invalid UTF-8 or a NUL inside a label value.
                    var quote = text.IndexOf("=\"", random.Next(text.Length), StringComparison.Ordinal);
                    if (quote < 0)
                    {
                        break;
                    }

                    var at = Encoding.UTF8.GetByteCount(text.AsSpan(0, quote + 2));
                    byte[] inserted = random.Next(3) switch { 0 => [0xFF], 1 => [0xC3, 0x28], _ => [0x00] };
                    return [.. bytes[..at], .. inserted, .. bytes[at..]];
                }

            case 6:
                lines[line] = ReplaceValue(lines[line], Values[random.Next(Values.Length)]);
                break;
            case 7:
                {
                    var labels = string.Join(",", Enumerable.Range(0, random.Next(50, 300)).Select(i => $"l{i}=\"{new string('v', random.Next(1, 40))}\""));
                    lines[line] = ReplaceValue(lines[line], "1").Replace(" 1", "{" + labels + "} 1", StringComparison.Ordinal);
                    break;
                }

            case 8:
                {
                    var quote = lines[line].IndexOf("=\"", StringComparison.Ordinal);
                    if (quote >= 0)
                    {
                        lines[line] = lines[line].Insert(quote + 2, Inserts[random.Next(Inserts.Length)]);
                    }

                    break;
                }

            case 9:
                if (!lines[line].StartsWith('#') && lines[line].Length > 0)
                {
                    lines[line] += random.Next(4) switch { 0 => " 1700000000000", 1 => " -5", 2 => " 1.5", _ => " 1700000000.123" };
                }

                break;
            case 10:
                return Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));
            case 11:
                {
                    var name = FirstName(lines[line]);
                    if (name.Length > 0)
                    {
                        lines.Insert(random.Next(lines.Count), $"# TYPE {name} {Types[random.Next(Types.Length)]}");
                    }

                    break;
                }

            case 12:
                {
                    var name = FirstName(lines[line]);
                    var suffix = random.Next(5) switch { 0 => "_count", 1 => "_sum", 2 => "_bucket", 3 => "_total", _ => "_created" };
                    if (name.Length > 0)
                    {
                        lines.Insert(random.Next(lines.Count), $"{name}{suffix} {random.Next(-3, 100)}");
                    }

                    break;
                }

            case 13:
                lines[line] = new string(' ', random.Next(1, 4)) + lines[line];
                break;
            case 14:
                if (lines[line].StartsWith("# HELP", StringComparison.Ordinal))
                {
                    lines[line] += Inserts[random.Next(Inserts.Length)];
                }
                else if (lines[line].StartsWith("# TYPE", StringComparison.Ordinal))
                {
                    lines[line] = lines[line][..lines[line].LastIndexOf(' ')] + " " + Types[random.Next(Types.Length)];
                }

                break;
            case 15:
                lines.Insert(line, random.Next(3) switch { 0 => "# EOF", 1 => "", _ => "# random comment" });
                break;
            default:
                {
                    // A bucket or a quantile with its le or quantile changed.
                    var le = lines[line].IndexOf("le=\"", StringComparison.Ordinal);
                    if (le < 0)
                    {
                        le = lines[line].IndexOf("quantile=\"", StringComparison.Ordinal);
                    }

                    if (le >= 0)
                    {
                        var start = lines[line].IndexOf('"', le) + 1;
                        var end = lines[line].IndexOf('"', start);
                        if (end > 0)
                        {
                            lines[line] = lines[line][..start] + Values[random.Next(Values.Length)] + lines[line][end..];
                        }
                    }

                    break;
                }
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string FirstName(string line)
    {
        var parts = line.Split(' ');
        var name = line.StartsWith('#') ? (parts.Length > 2 ? parts[2] : "") : parts[0];
        var brace = name.IndexOf('{', StringComparison.Ordinal);
        return brace >= 0 ? name[..brace] : name;
    }

    private static string ReplaceValue(string line, string value)
    {
        if (line.StartsWith('#') || line.Length == 0)
        {
            return line;
        }

        var close = line.LastIndexOf('}');
        var space = line.IndexOf(' ', Math.Max(close, 0));
        if (space < 0)
        {
            return line;
        }

        var end = line.IndexOf(' ', space + 1);
        return line[..(space + 1)] + value + (end < 0 ? "" : line[end..]);
    }
}
