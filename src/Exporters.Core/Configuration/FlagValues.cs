using System.Globalization;

namespace Exporters.Core.Configuration;

/// <summary>The checked values of every flag of a <see cref="FlagSet"/>, and where each came from.</summary>
public sealed class FlagValues
{
    private readonly Dictionary<string, FlagDefinition> _definitions;
    private readonly Dictionary<string, IReadOnlyList<string>> _values;
    private readonly Dictionary<string, FlagSource> _sources;

    internal FlagValues(
        Dictionary<string, FlagDefinition> definitions,
        Dictionary<string, IReadOnlyList<string>> values,
        Dictionary<string, FlagSource> sources,
        IReadOnlyList<string> arguments)
    {
        _definitions = definitions;
        _values = values;
        _sources = sources;
        Arguments = arguments;
    }

    /// <summary>Positional arguments, for services that take them.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public FlagSource SourceOf(string name) => _sources[Definition(name).Name];

    /// <summary>True when the command line or the environment set the flag.</summary>
    public bool IsExplicit(string name) => SourceOf(name) is FlagSource.CommandLine or FlagSource.Environment;

    public string GetString(string name)
    {
        var values = _values[Definition(name).Name];
        return values.Count == 0 ? "" : values[^1];
    }

    public bool GetBool(string name) => ParseBool(GetString(name)) ?? false;

    public TimeSpan GetDuration(string name) =>
        GoDuration.TryParse(GetString(name), out var value) ? value : TimeSpan.Zero;

    public long GetCount(string name) =>
        long.TryParse(GetString(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public IReadOnlyList<string> GetList(string name) => _values[Definition(name).Name];

    /// <summary>
    /// Returns these values with the flags that are still at their default taken from a configuration
    /// file instead. Flags and environment variables keep precedence over the file.
    /// </summary>
    public FlagValues WithConfigFile(IReadOnlyDictionary<string, IReadOnlyList<string>> fileValues, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileValues);
        var values = new Dictionary<string, IReadOnlyList<string>>(_values, StringComparer.Ordinal);
        var sources = new Dictionary<string, FlagSource>(_sources, StringComparer.Ordinal);
        foreach (var (name, fileValue) in fileValues)
        {
            if (!_definitions.TryGetValue(name, out var definition))
            {
                throw new UsageException($"{fileName}: unknown setting \"{name}\"");
            }

            if (sources[definition.Name] != FlagSource.Default)
            {
                continue;
            }

            foreach (var item in fileValue)
            {
                FlagSet.Check(definition, item, $"{fileName}: {definition.Name}");
            }

            values[definition.Name] = fileValue;
            sources[definition.Name] = FlagSource.ConfigFile;
        }

        return new FlagValues(_definitions, values, sources, Arguments);
    }

    internal static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    private FlagDefinition Definition(string name) =>
        _definitions.TryGetValue(name, out var definition)
            ? definition
            : throw new ArgumentException($"no flag named {name} is defined", nameof(name));
}
