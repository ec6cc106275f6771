using Exporters.Core.Hosting;
using Exporters.Merger;

return await ExporterHost.RunAsync(ListenPortArguments.Apply(args, Environment.GetEnvironmentVariable), new MergerService());
