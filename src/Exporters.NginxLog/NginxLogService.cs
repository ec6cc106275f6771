using Exporters.Core.Configuration;
using Exporters.Core.Hosting;

namespace Exporters.NginxLog;

/// <summary>The nginx access-log exporter: prometheus-nginxlog-exporter's configuration and families.</summary>
internal sealed class NginxLogService : IExporterService
{
    public ExporterInfo Info { get; } = new()
    {
        ProgramName = "nginxlog-exporter",
        Title = "NGINX access-log exporter",
        Description = "Follows nginx access logs and exports request counts, sizes and latencies as Prometheus metrics, "
            + "with the names of prometheus-nginxlog-exporter.",
        MetricPrefix = "nginxlog_exporter",
        DefaultPort = 9114,
    };

    public void DefineFlags(FlagSet flags)
    {
    }

    public void Configure(ExporterContext context) =>
        throw new UsageException("the access-log exporter is being assembled");
}
