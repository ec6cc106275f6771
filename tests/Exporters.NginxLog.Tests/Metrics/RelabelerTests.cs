using System.Text.RegularExpressions;
using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Metrics;

namespace Exporters.NginxLog.Tests.Metrics;

public sealed class RelabelerTests
{
    [Theory]
    [InlineData("GET /api/items HTTP/1.1", 2, "/api/items")]
    [InlineData("GET /api/items HTTP/1.1", 1, "GET")]
    [InlineData("GET", 2, "")]
    public void Split_takes_the_one_based_part(string value, int split, string expected) =>
        Assert.Equal(expected, Relabeler.Apply(new RelabelConfig { TargetLabel = "t", From = "request", Split = split }, value));

    [Fact]
    public void Split_uses_the_configured_separator()
    {
        var relabel = new RelabelConfig { TargetLabel = "t", From = "host", Split = 2, Separator = "." };

        Assert.Equal("example", Relabeler.Apply(relabel, "www.example.com"));
    }

    [Fact]
    public void A_whitelist_turns_other_values_into_other()
    {
        var relabel = new RelabelConfig { TargetLabel = "t", From = "v", Whitelist = new HashSet<string> { "a", "b" } };

        Assert.Equal("a", Relabeler.Apply(relabel, "a"));
        Assert.Equal("other", Relabeler.Apply(relabel, "c"));
    }

    [Fact]
    public void The_first_matching_regexp_replaces_and_an_unmatched_value_passes_unless_a_default_is_given()
    {
        RelabelMatch[] matches =
        [
            new(new Regex("^/api/items/[0-9]+$"), "/api/items/:id"),
            new(new Regex("^/(static)/.*$"), "/$1"),
        ];
        var relabel = new RelabelConfig { TargetLabel = "path", From = "uri", Matches = matches };
        var withDefault = new RelabelConfig { TargetLabel = "path", From = "uri", Matches = matches, Default = "unknown" };

        Assert.Equal("/api/items/:id", Relabeler.Apply(relabel, "/api/items/42"));
        Assert.Equal("/static", Relabeler.Apply(relabel, "/static/app.js"));
        Assert.Equal("/login", Relabeler.Apply(relabel, "/login"));
        Assert.Equal("unknown", Relabeler.Apply(withDefault, "/login"));
    }
}
