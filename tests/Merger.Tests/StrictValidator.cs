using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Exporters.Merger.Tests;

/// <summary>
/// A strict judge of a merged page, written from the text 0.0.4 and OpenMetrics 1.0 specifications (and what
/// Prometheus' and the Python client's parsers refuse), independent of the merger's code: null when valid,
/// else the first problem with its line.
/// </summary>
internal static partial class StrictValidator
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public static string? Check(byte[] page, bool openMetrics)
    {
        string text;
        try
        {
            text = Strict.GetString(page);
        }
        catch (DecoderFallbackException)
        {
            return "not valid UTF-8";
        }

        return new Run(openMetrics).Check(text);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    private sealed class Family(string name, string type)
    {
        public string Name { get; } = name;

        public string Type { get; } = type;

        public bool Help { get; set; }

        public bool TypeSeen { get; set; }

        public List<(string Suffix, Dictionary<string, string> Labels, double Value, double? Timestamp)> Samples { get; } = [];
    }

    private sealed class Run(bool openMetrics)
    {
        private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _sampleOwner = new(StringComparer.Ordinal);
        private readonly HashSet<string> _series = new(StringComparer.Ordinal);
        private Family? _current;
        private int _line;

        public string? Check(string text)
        {
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                return "no newline at the end";
            }

            var lines = text.Split('\n');
            var eof = false;
            for (var i = 0; i < lines.Length - 1; i++)
            {
                _line = i + 1;
                var line = lines[i];
                if (eof)
                {
                    return At("text after # EOF");
                }

                if (line.Length == 0)
                {
                    return At("blank line");
                }

                if (line.EndsWith('\r'))
                {
                    return At("carriage return at the end of a line");
                }

                string? error;
                if (openMetrics && line == "# EOF")
                {
                    eof = true;
                    continue;
                }

                error = line.StartsWith('#') ? Comment(line) : Sample(line);
                if (error is not null)
                {
                    return At(error);
                }
            }

            if (openMetrics && !eof)
            {
                return "no # EOF";
            }

            return Families();
        }

        private string At(string message) => $"line {_line}: {message}";

        private string? Comment(string line)
        {
            var parts = line.Split(' ', 4);
            if (parts.Length < 4 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE" or "UNIT"))
            {
                return openMetrics ? "a comment other than HELP, TYPE, UNIT or EOF" : (parts.Length > 1 && parts[1] is "HELP" or "TYPE" ? "bad header" : null);
            }

            var name = parts[2];
            if (!MetricName().IsMatch(name))
            {
                return "bad metric name in a header";
            }

            if (!_families.TryGetValue(name, out var family))
            {
                if (_sampleOwner.ContainsKey(name) || (_current is not null && _current.Name != name && _families.ContainsKey(name)))
                {
                    return "header of a family seen already";
                }

                family = new Family(name, "?");
                _families[name] = family;
            }
            else if (!ReferenceEquals(family, _current))
            {
                return "family " + name + " is not contiguous";
            }

            if (family.Samples.Count > 0)
            {
                return "header after samples";
            }

            _current = family;
            if (parts[1] == "HELP")
            {
                if (family.Help)
                {
                    return "second HELP";
                }

                family.Help = true;
                return Escapes(parts[3], openMetrics ? "\\n\"" : "\\n") ? null : "bad escape in HELP";
            }

            if (parts[1] == "UNIT")
            {
                return null;
            }

            if (family.TypeSeen)
            {
                return "second TYPE";
            }

            var known = openMetrics
                ? parts[3] is "counter" or "gauge" or "histogram" or "gaugehistogram" or "stateset" or "info" or "summary" or "unknown"
                : parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped";
            if (!known)
            {
                return "bad type " + parts[3];
            }

            var typed = new Family(name, parts[3]) { Help = family.Help, TypeSeen = true };
            _families[name] = typed;
            _current = typed;
            return null;
        }

        private static bool Escapes(string text, string allowed)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    if (i + 1 >= text.Length || !allowed.Contains(text[i + 1], StringComparison.Ordinal))
                    {
                        return false;
                    }

                    i++;
                }
            }

            return true;
        }

        private string? Sample(string line)
        {
            var i = 0;
            while (i < line.Length && line[i] is not ('{' or ' '))
            {
                i++;
            }

            var name = line[..i];
            if (!MetricName().IsMatch(name))
            {
                return "bad metric name";
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (i < line.Length && line[i] == '{')
            {
                i++;
                while (true)
                {
                    if (i < line.Length && line[i] == '}')
                    {
                        i++;
                        break;
                    }

                    var eq = line.IndexOf('=', i);
                    if (eq < 0)
                    {
                        return "bad label set";
                    }

                    var labelName = line[i..eq];
                    if (!LabelName().IsMatch(labelName) || labelName == "__name__")
                    {
                        return "bad label name " + labelName;
                    }

                    if (eq + 1 >= line.Length || line[eq + 1] != '"')
                    {
                        return "unquoted label value";
                    }

                    var value = new StringBuilder();
                    var j = eq + 2;
                    for (; j < line.Length && line[j] != '"'; j++)
                    {
                        if (line[j] == '\\')
                        {
                            if (j + 1 >= line.Length || line[j + 1] is not ('\\' or '"' or 'n'))
                            {
                                return "bad escape in a label value";
                            }

                            value.Append(line[j + 1] == 'n' ? '\n' : line[j + 1]);
                            j++;
                        }
                        else
                        {
                            value.Append(line[j]);
                        }
                    }

                    if (j >= line.Length)
                    {
                        return "unterminated label value";
                    }

                    if (!labels.TryAdd(labelName, value.ToString()))
                    {
                        return "label given twice";
                    }

                    i = j + 1;
                    if (i < line.Length && line[i] == ',')
                    {
                        i++;
                    }
                    else if (i >= line.Length || line[i] != '}')
                    {
                        return "expected , or }";
                    }
                }
            }

            if (i >= line.Length || line[i] != ' ')
            {
                return "expected one space before the value";
            }

            var rest = line[(i + 1)..].Split(' ');
            if (rest.Length is < 1 or > 2 || !Number(rest[0], out var sampleValue))
            {
                return "bad value or extra text";
            }

            double? timestamp = null;
            if (rest.Length == 2)
            {
                if (openMetrics ? !double.TryParse(rest[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds)
                    : !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    return "bad timestamp";
                }

                timestamp = double.Parse(rest[1], CultureInfo.InvariantCulture);
            }

            var (family, suffix) = FamilyOf(name);
            if (family is null)
            {
                return $"sample {name} belongs to no family it may";
            }

            if (_sampleOwner.TryGetValue(name, out var owner) && owner != family.Name)
            {
                return $"sample name {name} in two families";
            }

            _sampleOwner[name] = family.Name;
            var key = name + "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!_series.Add(key))
            {
                return "duplicate series " + key;
            }

            if (family.Type == "histogram" && suffix == "_bucket" && (!labels.TryGetValue("le", out var le) || !Number(le, out _)))
            {
                return "bucket without a numeric le";
            }

            if (family.Type == "summary" && suffix.Length == 0 && (!labels.TryGetValue("quantile", out var q) || !Number(q, out _)))
            {
                return "quantile without a numeric quantile";
            }

            family.Samples.Add((suffix, labels, sampleValue, timestamp));
            return null;
        }

        private (Family? Family, string Suffix) FamilyOf(string name)
        {
            if (_current is { } current && name.StartsWith(current.Name, StringComparison.Ordinal) && Allowed(current.Type).Contains(name[current.Name.Length..]))
            {
                return (current, name[current.Name.Length..]);
            }

            if (_families.ContainsKey(name) || (openMetrics && _sampleOwner.ContainsKey(name)))
            {
                // Its family is over: samples of one family are contiguous.
                return (null, "");
            }

            var family = new Family(name, openMetrics ? "unknown" : "untyped");
            _families[name] = family;
            _current = family;
            return (family, "");
        }

        private string[] Allowed(string type) => type switch
        {
            "counter" => openMetrics ? ["_total", "_created"] : [""],
            "histogram" => openMetrics ? ["_bucket", "_sum", "_count", "_created"] : ["_bucket", "_sum", "_count"],
            "summary" => openMetrics ? ["", "_sum", "_count", "_created"] : ["", "_sum", "_count"],
            "info" => ["_info"],
            _ => [""],
        };

        private static bool Number(string text, out double value)
        {
            // As Go's strconv.ParseFloat, which Prometheus' parsers use: NaN and infinities in any case.
            value = 0;
            var unsigned = text.TrimStart('+', '-');
            if (unsigned.Length < text.Length - 1)
            {
                return false;
            }

            if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                value = double.NaN;
                return true;
            }

            if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            {
                value = text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            return text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>Rules over whole families: OpenMetrics' names and values.</summary>
        private string? Families()
        {
            if (!openMetrics)
            {
                return null;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var family in _families.Values)
            {
                // The Python client's rule: a family takes its name and its type's suffixed names.
                string[] suffixes = family.Type switch
                {
                    "counter" => ["_total", "_created"],
                    "summary" => ["_count", "_sum", "_created"],
                    "histogram" => ["_count", "_sum", "_bucket", "_created"],
                    "info" => ["_info"],
                    _ => [],
                };
                foreach (var suffix in suffixes.Append(""))
                {
                    if (!seen.Add(family.Name + suffix))
                    {
                        return "clashing name " + family.Name + suffix;
                    }
                }

                var error = Values(family);
                if (error is not null)
                {
                    return family.Name + ": " + error;
                }
            }

            return null;
        }

        private static string? Values(Family family)
        {
            var groups = new HashSet<string>(StringComparer.Ordinal);
            string? group = null;
            double? groupTimestamp = null;
            var buckets = new List<(double Le, string LeText, double Value)>();
            double? count = null;
            bool sum = false;
            string? Close()
            {
                if (family.Type != "histogram" || group is null)
                {
                    return null;
                }

                if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Le) || buckets[^1].LeText != "+Inf")
                {
                    return "+Inf bucket missing";
                }

                for (var b = 1; b < buckets.Count; b++)
                {
                    if (buckets[b].Le <= buckets[b - 1].Le || buckets[b].Value < buckets[b - 1].Value)
                    {
                        return "buckets out of order";
                    }
                }

                if (count is { } c && c != buckets[^1].Value)
                {
                    return "count unlike +Inf";
                }

                if (sum != count.HasValue)
                {
                    return "_sum without _count or the other way";
                }

                return sum && buckets[0].Le < 0 ? "_sum with negative buckets" : null;
            }

            foreach (var (suffix, labels, value, timestamp) in family.Samples)
            {
                var exclude = (family.Type == "histogram" && suffix == "_bucket") ? "le" : (family.Type == "summary" && suffix.Length == 0) ? "quantile" : null;
                var g = string.Join(",", labels.Where(l => l.Key != exclude).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
                if (g != group)
                {
                    var error = Close();
                    if (error is not null)
                    {
                        return error;
                    }

                    if (!groups.Add(g))
                    {
                        return "group not contiguous";
                    }

                    buckets.Clear();
                    count = null;
                    sum = false;
                }
                else if (timestamp.HasValue != groupTimestamp.HasValue || timestamp < groupTimestamp)
                {
                    return "timestamps mixed or going back within a group";
                }
                else if (timestamp != groupTimestamp)
                {
                    var error = Close();
                    if (error is not null)
                    {
                        return error;
                    }

                    buckets.Clear();
                    count = null;
                    sum = false;
                }

                group = g;
                groupTimestamp = timestamp;
                var counterLike = suffix is "_total" or "_sum" or "_count" or "_bucket";
                if (counterLike && (double.IsNaN(value) || value < 0))
                {
                    return "counter-like sample negative or NaN";
                }

                if (suffix is "_bucket" or "_count" && value != Math.Floor(value))
                {
                    return "bucket or count not whole";
                }

                if (family.Type == "summary" && suffix.Length == 0 && (value < 0 || !(double.Parse(labels["quantile"], CultureInfo.InvariantCulture) is >= 0 and <= 1)))
                {
                    return "bad quantile";
                }

                if (family.Type == "histogram")
                {
                    if (suffix == "_bucket")
                    {
                        Number(labels["le"], out var le);
                        buckets.Add((le, labels["le"], value));
                    }
                    else if (suffix == "_count")
                    {
                        count = value;
                    }
                    else if (suffix == "_sum")
                    {
                        sum = true;
                    }
                }
            }

            return Close();
        }
    }
}
