using System.Text.RegularExpressions;

namespace Exporters.NginxLog.Configuration;

/// <summary>One <c>matches</c> entry of a relabel config: the first whose regexp matches gives the label value.</summary>
/// <param name="Regex">Compiled once at load; a bad pattern is a config error.</param>
/// <param name="Replacement">The replacement, with <c>$1</c>/<c>${name}</c> groups as Go's regexp.ReplaceAllString takes them.</param>
internal sealed record RelabelMatch(Regex Regex, string Replacement);
