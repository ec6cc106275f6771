using Exporters.Core.Hosting;
using Exporters.NginxStub;

// A scrape is a chain of short, non-blocking async steps (read the request, ask nginx, write the page).
// Running socket completions on the socket engine's own thread instead of handing each step to the
// thread pool roughly halves the CPU a scrape costs. The runtime reads this only from the environment,
// once, when the first socket is used, so it is set here before anything else.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

return await ExporterHost.RunAsync(args, new NginxStubService());
