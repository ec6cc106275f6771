using Exporters.Core.Hosting;
using Exporters.NginxStub;

return await ExporterHost.RunAsync(args, new NginxStubService());
