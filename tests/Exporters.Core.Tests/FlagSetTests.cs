using Exporters.Core.Configuration;

namespace Exporters.Core.Tests;

public sealed class FlagSetTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Accepts_equals_and_separate_values_with_one_or_two_dashes()
    {
        var values = Parse(["--web.listen-address=:1", "-nginx.timeout", "2s", "-uri=a"]);

        Assert.Equal(":1", values.GetString("web.listen-address"));
        Assert.Equal(TimeSpan.FromSeconds(2), values.GetDuration("nginx.timeout"));
        Assert.Equal(["a"], values.GetList("uri"));
    }

    [Fact]
    public void Bool_flags_take_no_value_unless_written_with_equals()
    {
        Assert.True(Parse(["--verify"]).GetBool("verify"));
        Assert.False(Parse(["--no-verify"]).GetBool("verify"));
        Assert.False(Parse(["-verify=false"]).GetBool("verify"));
        Assert.True(Parse([]).GetBool("verify"));
    }

    [Fact]
    public void List_flags_repeat_and_split_on_their_separators()
    {
        var values = Parse(["--uri=a", "--uri", "b,c"]);

        Assert.Equal(["a", "b", "c"], values.GetList("uri"));
    }

    [Fact]
    public void Aliases_name_the_same_flag()
    {
        Assert.Equal(["x"], Parse(["--old-uri=x"]).GetList("uri"));
    }

    [Fact]
    public void Command_line_beats_environment_beats_file_beats_default()
    {
        var environment = new Dictionary<string, string> { ["TIMEOUT"] = "7s", ["URIS"] = "e1 e2" };
        var file = new Dictionary<string, IReadOnlyList<string>>
        {
            ["nginx.timeout"] = ["9s"],
            ["uri"] = ["f"],
            ["web.listen-address"] = [":3"],
        };

        var fromEnvironment = Parse([], environment).WithConfigFile(file, "test.yml");
        Assert.Equal(TimeSpan.FromSeconds(7), fromEnvironment.GetDuration("nginx.timeout"));
        Assert.Equal(FlagSource.Environment, fromEnvironment.SourceOf("nginx.timeout"));
        Assert.Equal(["e1", "e2"], fromEnvironment.GetList("uri"));
        Assert.Equal(":3", fromEnvironment.GetString("web.listen-address"));
        Assert.Equal(FlagSource.ConfigFile, fromEnvironment.SourceOf("web.listen-address"));

        var fromFlags = Parse(["--nginx.timeout=1s", "--uri=c"], environment).WithConfigFile(file, "test.yml");
        Assert.Equal(TimeSpan.FromSeconds(1), fromFlags.GetDuration("nginx.timeout"));
        Assert.Equal(["c"], fromFlags.GetList("uri"));
        Assert.True(fromFlags.IsExplicit("uri"));

        var defaults = Parse([]);
        Assert.Equal(TimeSpan.FromSeconds(5), defaults.GetDuration("nginx.timeout"));
        Assert.Equal(FlagSource.Default, defaults.SourceOf("nginx.timeout"));
    }

    [Theory]
    [InlineData("--bogus", "unknown flag --bogus")]
    [InlineData("-bogus=1", "unknown flag -bogus")]
    [InlineData("--nginx.timeout=5x", "invalid value \"5x\" for flag --nginx.timeout")]
    [InlineData("--nginx.timeout=-1s", "invalid value \"-1s\" for flag --nginx.timeout")]
    [InlineData("--verify=maybe", "invalid value \"maybe\" for flag --verify: not a boolean")]
    [InlineData("--retries=-2", "invalid value \"-2\" for flag --retries: not a whole number")]
    [InlineData("--uri=bad", "invalid value \"bad\" for flag --uri: must start with u")]
    [InlineData("--nginx.timeout", "flag --nginx.timeout needs a value")]
    [InlineData("stray", "unexpected argument \"stray\"")]
    public void Bad_input_is_one_clear_message(string arg, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Parse([arg]));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var error = Assert.Throws<UsageException>(() => Parse([], new Dictionary<string, string> { ["TIMEOUT"] = "soon" }));

        Assert.Contains("environment variable TIMEOUT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_or_bad_file_setting_names_the_file()
    {
        var values = Parse([]);

        var unknown = Assert.Throws<UsageException>(() => values.WithConfigFile(new Dictionary<string, IReadOnlyList<string>> { ["nope"] = ["1"] }, "c.yml"));
        Assert.Equal("c.yml: unknown setting \"nope\"", unknown.Message);
        var bad = Assert.Throws<UsageException>(() => values.WithConfigFile(new Dictionary<string, IReadOnlyList<string>> { ["nginx.timeout"] = ["x"] }, "c.yml"));
        Assert.Contains("c.yml: nginx.timeout", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_version_are_recognised_anywhere()
    {
        Assert.True(Flags().Parse(["--uri=a", "--help"], _ => null).HelpRequested);
        Assert.True(Flags().Parse(["-h"], _ => null).HelpRequested);
        Assert.True(Flags().Parse(["--version"], _ => null).VersionRequested);
    }

    [Fact]
    public void Positional_arguments_are_kept_when_the_service_takes_them()
    {
        var flags = Flags();
        flags.ArgumentsName = "files";

        var values = flags.Parse(["a.log", "--verify", "--", "--b.log"], _ => null).Values!;

        Assert.Equal(["a.log", "--b.log"], values.Arguments);
    }

    [Fact]
    public void Usage_lists_every_flag_with_its_variable_and_default()
    {
        var usage = Flags().Usage("Test service.");

        Assert.Contains("--nginx.timeout=DURATION", usage, StringComparison.Ordinal);
        Assert.Contains("[env TIMEOUT] (default \"5s\")", usage, StringComparison.Ordinal);
        Assert.Contains("--[no-]verify", usage, StringComparison.Ordinal);
        Assert.Contains("Also accepted as --old-uri.", usage, StringComparison.Ordinal);
    }

    private static FlagValues Parse(string[] args, Dictionary<string, string>? environment = null)
    {
        var env = environment ?? NoEnvironment;
        return Flags().Parse(args, name => env.GetValueOrDefault(name)).Values!;
    }

    private static FlagSet Flags() => new FlagSet("test")
        .Add(new FlagDefinition("web.listen-address", FlagKind.String, "Listen.") { Default = ":9113" })
        .Add(new FlagDefinition("nginx.timeout", FlagKind.Duration, "Timeout.") { Default = "5s", EnvironmentVariable = "TIMEOUT" })
        .Add(new FlagDefinition("verify", FlagKind.Bool, "Verify.") { Default = "true" })
        .Add(new FlagDefinition("retries", FlagKind.Count, "Retries.") { Default = "0" })
        .Add(new FlagDefinition("uri", FlagKind.List, "URIs.")
        {
            EnvironmentVariable = "URIS",
            Aliases = ["old-uri"],
            ListSeparators = " ,",
            Validate = v => v.StartsWith('u') || v.Length == 1 || v.StartsWith('e') ? null : "must start with u",
        });
}
