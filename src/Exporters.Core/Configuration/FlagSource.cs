namespace Exporters.Core.Configuration;

/// <summary>Where a flag's value came from, highest precedence first.</summary>
public enum FlagSource
{
    /// <summary>Given on the command line.</summary>
    CommandLine,

    /// <summary>Taken from the flag's environment variable.</summary>
    Environment,

    /// <summary>Taken from the service's configuration file.</summary>
    ConfigFile,

    /// <summary>The flag's default.</summary>
    Default,
}
