using Exporters.Core.Configuration;

namespace Exporters.Core.Hosting;

/// <summary>What a service adds to the shared host: its flags, and its collectors once flags are read.</summary>
public interface IExporterService
{
    ExporterInfo Info { get; }

    /// <summary>Adds the service's own flags; the common ones (web.*, log.*) are already there.</summary>
    void DefineFlags(FlagSet flags);

    /// <summary>Reads the flags and registers collectors.</summary>
    /// <exception cref="UsageException">A value the service cannot use; the host exits with code 2.</exception>
    void Configure(ExporterContext context);
}
