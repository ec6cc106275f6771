using Exporters.Core.Hosting;
using Exporters.Node;

return await ExporterHost.RunAsync(args, new NodeService());
