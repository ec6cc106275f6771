using Exporters.Core.Hosting;
using Exporters.Merger;

// A merge is a chain of short async steps (read the request, fetch each upstream, parse, write the page).
// Running socket completions on the socket engine's own thread instead of handing each step to the
// thread pool saves the hand-offs; the parse of a page then runs on that thread too. The runtime reads
// this only from the environment, once, when the first socket is used, so it is set here before anything else.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

return await ExporterHost.RunAsync(ListenPortArguments.Apply(args, Environment.GetEnvironmentVariable), new MergerService());
