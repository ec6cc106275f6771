using System.Text;
using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>
/// The built service over the fixture trees, its whole page diffed against fixtures/e2e-output.txt.
/// Collectors that read syscalls (time, timex, uname) are disabled; the text files' mtimes are left out and their paths made relative to the fixtures. To regenerate the golden file after an
/// intended change, run the tests with UPDATE_GOLDEN=1 in the environment and review the diff.
/// </summary>
public sealed class EndToEndTests
{
    private static string GoldenPath => Path.Combine(RepoPaths.Root, "tests", "Exporters.Node.Tests", "fixtures", "e2e-output.txt");

    [Fact]
    public async Task Page_over_fixtures_matches_the_golden_file()
    {
        using var exporter = await NodeExporter.StartAsync(
            $"--path.procfs={Fixtures.Proc}",
            $"--path.sysfs={Fixtures.Sys}",
            $"--path.rootfs={Path.Combine(Fixtures.Root, "rootfs")}",
            $"--path.udev.data={Path.Combine(Fixtures.Root, "udev", "data")}",
            $"--collector.textfile.directory={Path.Combine(Fixtures.Root, "textfile")}",
            "--no-collector.time",
            "--no-collector.timex",
            "--no-collector.uname");
        var page = Stable(await exporter.GetStringAsync("/metrics")).Replace(Fixtures.Root, "fixtures", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(GoldenPath, page);
        }

        var golden = await File.ReadAllTextAsync(GoldenPath);
        Assert.Equal(golden, page);
        var problems = await Promtool.CheckMetricsAsync(golden);
        Assert.DoesNotContain(problems, p => !p.Contains("snake_case", StringComparison.Ordinal) && !p.Contains("base unit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_and_exclude_pick_collectors_per_scrape()
    {
        using var exporter = await NodeExporter.StartAsync($"--path.procfs={Fixtures.Proc}", $"--path.sysfs={Fixtures.Sys}");
        var page = await exporter.ScrapeAsync("/metrics?collect[]=loadavg&collect[]=filefd&exclude[]=filefd");
        Assert.Contains("node_load1", page.Families.Keys);
        Assert.DoesNotContain("node_filefd_allocated", page.Families.Keys);
        Assert.DoesNotContain("node_cpu_seconds_total", page.Families.Keys);
        Assert.Single(page.Find("node_scrape_collector_success"));
        using var unknown = await exporter.GetAsync("/metrics?collect[]=nosuch");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Disable_defaults_leaves_only_named_collectors()
    {
        using var exporter = await NodeExporter.StartAsync($"--path.procfs={Fixtures.Proc}", "--collector.disable-defaults", "--collector.loadavg");
        var page = await exporter.ScrapeAsync();
        var collectors = page.Find("node_scrape_collector_success").Select(s => s.Labels["collector"]).ToList();
        Assert.Equal(["loadavg"], collectors);
    }

    /// <summary>The page without what changes from run to run: process_*, build info, collector durations and the text files' mtimes.</summary>
    private static string Stable(string page)
    {
        var kept = new StringBuilder();
        foreach (var line in page.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.StartsWith('#') ? line.Split(' ')[2] : line.Split('{', ' ')[0];
            if (name.StartsWith("process_", StringComparison.Ordinal) || name.EndsWith("_build_info", StringComparison.Ordinal)
                || name == "node_scrape_collector_duration_seconds" || name == "node_textfile_mtime_seconds")
            {
                continue;
            }

            kept.Append(line).Append('\n');
        }

        return kept.ToString();
    }
}
