using System.Text.RegularExpressions;
using Exporters.Core.Configuration;

namespace Exporters.Node;

/// <summary>The kinds of flag node_exporter's collectors have, and its rules for deprecated and unsupported ones.</summary>
internal static class CollectorFlags
{
    /// <summary>A flag holding a regular expression, refused at start when it does not compile.</summary>
    public static FlagDefinition Pattern(string name, string help, string defaultValue) =>
        new(name, FlagKind.String, help)
        {
            Default = defaultValue,
            Validate = static value =>
            {
                try
                {
                    _ = new Regex(value, RegexOptions.CultureInvariant);
                    return null;
                }
                catch (ArgumentException e)
                {
                    return "not a regular expression: " + e.Message;
                }
            },
        };

    public static FlagDefinition Bool(string name, string help, bool defaultValue) =>
        new(name, FlagKind.Bool, help) { Default = defaultValue ? "true" : "false" };

    public static FlagDefinition Text(string name, string help, string defaultValue) =>
        new(name, FlagKind.String, help) { Default = defaultValue };

    /// <summary>A flag of node_exporter whose feature this exporter lacks: accepted only at its default.</summary>
    /// <exception cref="UsageException">The flag has another value.</exception>
    public static void Unsupported(FlagValues flags, string name, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var value = flags.GetString(name);
        var same = defaultValue is "true" or "false" ? flags.GetBool(name) == (defaultValue == "true") : value == defaultValue;
        if (!same)
        {
            throw new UsageException($"--{name}={value} is not implemented by this exporter; only the default ({(defaultValue.Length == 0 ? "empty" : defaultValue)}) is accepted");
        }
    }

    /// <summary>The value of <paramref name="current"/>, or that of its deprecated spelling when only that one is given.</summary>
    /// <exception cref="UsageException">Both spellings are given.</exception>
    public static string Deprecated(FlagValues flags, Serilog.ILogger logger, string old, string current)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(logger);
        var oldValue = flags.GetString(old);
        if (oldValue.Length == 0)
        {
            return flags.GetString(current);
        }

        if (flags.IsExplicit(current))
        {
            throw new UsageException($"--{old} and --{current} are mutually exclusive");
        }

        logger.Warning("--{Old} is DEPRECATED and will be removed in 2.0.0, use --{Current}", old, current);
        return oldValue;
    }
}
