using Exporters.Core.Hosting;
using Exporters.NginxLog;

return await ExporterHost.RunAsync(args, new NginxLogService());
